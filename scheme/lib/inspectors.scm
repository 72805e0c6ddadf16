;;; inspectors.scm: data inspectors shipped with the debugger, and helpers
;;; for writing more. An inspector receives the name of an IR value
;;; ("%p") and returns the text `print` shows after "%p = ", or #f to let
;;; the next inspector (or the natural format) show it.
;;;
;;;   (add-type-inspector "ptr" procedure)       ; by IR type
;;;   (add-name-inspector "%str*" procedure)     ; by name pattern
;;;
;;; Inspectors added later are tried first.

;; The printable C string at an address (at most 200 bytes), or #f.
(define (c-string-at address)
  (call-with-error-handler
   (lambda ()
     (let loop ((i 0) (chars '()))
       (if (= i 200)
           #f
           (let ((byte (read-memory (+ address i) 1)))
             (cond ((= byte 0)
                    (and (> i 0) (list->string (reverse chars))))
                   ((or (< byte 32) (> byte 126))
                    (if (memv byte '(9 10 13))
                        (loop (+ i 1) (cons (integer->char byte) chars))
                        #f))
                   (else (loop (+ i 1) (cons (integer->char byte) chars))))))))
   (lambda (message) #f)))

(define (%quote-c-string text)
  (let ((port (open-output-string)))
    (write text port)
    (get-output-string port)))

;; A pointer shown with the C string it points to: ptr 0x20000000 "hi".
(define (c-string-inspector name)
  (let* ((address ($ name))
         (text (c-string-at address)))
    (and text
         (string-append "ptr " (number->hex address)
                        (let ((symbol (address-symbol address)))
                          (if symbol (string-append " <" symbol ">") ""))
                        " " (%quote-c-string text)))))

;; What an alloca points to, by the type it allocates:
;;   %p = ptr 0x7ffeffffff00 -> %struct.point { i32 3, i64 4 }
(define (alloca-inspector name)
  (let* ((info (value-info name))
         (allocated (cdr (assq 'allocated-type info))))
    (and allocated
         (not (= ($ name) 0)) ; not allocated yet
         (let ((address ($ name)))
           (string-append "ptr " (number->hex address) " -> "
                          (format-memory address allocated))))))

;; A pointer into a read-only data object holding a C string (a string
;; constant such as @.str): shown with the string.
(define (constant-string-inspector name)
  (let* ((address ($ name))
         (symbol (address-symbol address)))
    (and symbol
         (let ((info (global-info (%symbol-base symbol))))
           (and (not (cdr (assq 'writable info)))
                (c-string-inspector name))))))

(define (%symbol-base symbol)
  ;; "@.str+2" -> "@.str"
  (let ((plus (%string-index symbol #\+)))
    (if plus (substring symbol 0 plus) symbol)))

;; (struct-at ADDRESS TYPE): memory shown as an IR type, field by field:
;;   print (struct-at %p "%struct.point")
(define (struct-at address type)
  (format-memory address (%text type)))

;; (array-at ADDRESS TYPE COUNT): COUNT elements of TYPE.
(define (array-at address type count)
  (format-memory address (string-append "[" (number->string count) " x "
                                        (%text type) "]")))

;; Pointers: an alloca shows what it points to; a pointer to a string
;; constant shows the string.
(add-type-inspector "ptr" constant-string-inspector)
(add-type-inspector "ptr" alloca-inspector)
