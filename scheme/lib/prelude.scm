;;; prelude.scm: loaded right after TinyScheme's init.scm, before anything
;;; else, in every Comet Scheme interpreter (debugger, REPL, assembler
;;; macros).
;;;
;;; Errors. Every error -- TinyScheme's own (through *error-hook*), a call
;;; of `error`, a `throw` outside any `catch`, and a failed C++ primitive --
;;; goes through %raise: inside a (catch ...) the handler runs, and the
;;; message stays available as (error-message); otherwise the evaluation
;;; ends and the embedding program shows the message.

(define %quit quit) ; the builtin, which ends the evaluation at once

(define *last-error* #f)
(define (error-message) *last-error*)

(define (%error->string message irritants)
  (let ((port (open-output-string)))
    (if (string? message) (display message port) (write message port))
    (for-each (lambda (x) (display " " port) (write x port)) irritants)
    (get-output-string port)))

(define (%raise text)
  (set! *last-error* text)
  (if (more-handlers?)
      ((pop-handler))
      (begin (comet:abort text) (%quit))))

(define (error message . irritants)
  (%raise (%error->string message irritants)))
(define (*error-hook* message . irritants)
  (%raise (%error->string message irritants)))
(define (throw . x)
  (if (more-handlers?)
      ((pop-handler))
      (%raise (if (null? x) "throw" (%error->string (car x) (cdr x))))))

;; (call-with-error-handler thunk handler): (thunk), or if it raises an
;; error, (handler message).
(define (call-with-error-handler thunk handler)
  (let ((failed #f))
    (let ((result (catch (begin (set! failed #t) #f) (thunk))))
      (if failed (handler *last-error*) result))))

;; C++ primitives return this symbol (which no Scheme text can spell) when
;; they fail; their Scheme wrappers turn it into an error.
(define %primitive-error (comet:primitive-error-symbol))
(define (%check result)
  (if (eq? result %primitive-error)
      (%raise (comet:primitive-error))
      result))

;; (exit [code]) ends the session (the embedding program decides what that
;; means: the debugger exits with that status).
(define (exit . code)
  (comet:request-exit (if (null? code) 0 (car code)))
  (%quit))

;; The value of procedures that have none; the REPL prints nothing for it.
(define %void (comet:void))
(define (void . ignored) %void)
(define (void? x) (eq? x %void))

;;; Small helpers that TinyScheme's init.scm lacks.

(define (filter keep? list)
  (cond ((null? list) '())
        ((keep? (car list)) (cons (car list) (filter keep? (cdr list))))
        (else (filter keep? (cdr list)))))

(define (iota n . start)
  (let ((first (if (null? start) 0 (car start))))
    (let loop ((i (- n 1)) (result '()))
      (if (< i 0) result (loop (- i 1) (cons (+ first i) result))))))

(define (string-join strings separator)
  (if (null? strings)
      ""
      (let loop ((rest (cdr strings)) (result (car strings)))
        (if (null? rest)
            result
            (loop (cdr rest) (string-append result separator (car rest)))))))

(define (->string x)
  (cond ((string? x) x)
        ((symbol? x) (symbol->string x))
        ((number? x) (number->string x))
        (else (let ((port (open-output-string)))
                (write x port)
                (get-output-string port)))))
