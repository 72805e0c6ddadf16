;;; debugger.scm: the Comet debugger's commands, written over the C++
;;; primitives (register, value, read-memory, dbg:resume, ...).
;;;
;;; A command is a Scheme procedure in the command table with a doc string.
;;; A line of input such as `break main` is read as
;;; (%command "break" (string->symbol "main")) (see command_line.h), and
;;; %command calls the procedure. Users add commands with define-command
;;; (or the `define` command) and data inspectors with add-type-inspector
;;; and add-name-inspector (inspectors.scm).

;;;; Small helpers

(define (%string-prefix? prefix text)
  (and (<= (string-length prefix) (string-length text))
       (string=? prefix (substring text 0 (string-length prefix)))))

(define (%string-index text char)
  (let loop ((i 0))
    (cond ((= i (string-length text)) #f)
          ((char=? (string-ref text i) char) i)
          (else (loop (+ i 1))))))

(define (%string-contains? text part)
  (let ((n (string-length part)) (m (string-length text)))
    (let loop ((i 0))
      (cond ((> (+ i n) m) #f)
            ((string=? (substring text i (+ i n)) part) #t)
            (else (loop (+ i 1)))))))

(define (%pad text width)
  (if (>= (string-length text) width)
      text
      (string-append text (make-string (- width (string-length text)) #\space))))

(define (%say . parts)
  (for-each display parts)
  (newline))

(define (%text x) (->string x))

;; "1 parameter", "2 parameters"
(define (%count-of n noun)
  (string-append (number->string n) " " noun (if (= n 1) "" "s")))

;; Command arguments: a name given as a symbol or string.
(define (%name? x) (or (symbol? x) (string? x)))

(define (%is word x)
  (and (%name? x) (string=? (%text x) (symbol->string word))))

;;;; Expressions from command lines
;;
;; `print (+ %i 1)` passes (%expr "(+ %i 1)" (lambda () (+ ($ "%i") 1))).

(define (%expr text thunk) (list '%expr text thunk))
(define (%expr? x) (and (pair? x) (eq? (car x) '%expr)))
(define (%expr-text x) (cadr x))
(define (%expr-thunk x) (caddr x))

;; The value of an argument: an expression is evaluated, an IR value name
;; read, anything else is itself.
(define (%argument-value x)
  (cond ((%expr? x) ((%expr-thunk x)))
        ((%value-name? x) ($ x))
        (else x)))

;; A procedure of no arguments from an expression or a procedure.
(define (%thunk-of x)
  (cond ((%expr? x) (%expr-thunk x))
        ((procedure? x) x)
        (else (error "expected an expression in parentheses or a procedure, got" x))))

(define (%source-text x)
  (cond ((%expr? x) (%expr-text x))
        ((procedure? x) "#<procedure>")
        (else (%text x))))

;; %idx, @table, r5 (symbols or strings).
(define (%value-name? x)
  (and (%name? x)
       (let ((text (%text x)))
         (and (> (string-length text) 1)
              (or (char=? (string-ref text 0) #\%)
                  (char=? (string-ref text 0) #\@)
                  (and (char=? (string-ref text 0) #\r)
                       (string->integer (substring text 1 (string-length text)))
                       #t))))))

;; ($ NAME [FRAME]): the value of %name, rN or @global (its address).
(define ($ name . frame)
  (apply value (%text name) frame))

;; Memory by size: (u32 ADDRESS), (s8 ADDRESS), (f64 ADDRESS)...
(define (u8 address) (read-memory address 1))
(define (u16 address) (read-memory address 2))
(define (u32 address) (read-memory address 4))
(define (u64 address) (read-memory address 8))
(define (s8 address) (read-memory address 1 #t))
(define (s16 address) (read-memory address 2 #t))
(define (s32 address) (read-memory address 4 #t))
(define (s64 address) (read-memory address 8 #t))
(define (f32 address) (bits->float (read-memory address 4)))
(define (f64 address) (bits->double (read-memory address 8)))

;; Formats: "/x" arguments, as in `print/x` and `x/4xw`.
(define (%format-argument? x)
  (and (string? x) (> (string-length x) 0) (char=? (string-ref x 0) #\/)))

(define (%split-format args)
  (if (and (pair? args) (%format-argument? (car args)))
      (cons (car args) (cdr args))
      (cons #f args)))

(define (%format-letter format)
  (and format (> (string-length format) 1)
       (string-ref format (- (string-length format) 1))))

;;;; The command table

(define *commands* '()) ; (name procedure doc usage), newest first
(define *aliases* '())  ; (alias . name)

;; (define-command NAME DOC PROCEDURE [USAGE]): a command named NAME that
;; calls PROCEDURE with the command's arguments; `help NAME` shows DOC.
(define (define-command name doc procedure . usage)
  (let ((name (%text name)))
    (set! *commands*
          (cons (list name procedure doc (if (null? usage) name (car usage)))
                (filter (lambda (c) (not (string=? (car c) name))) *commands*)))
    (void)))

(define (define-alias alias name)
  (set! *aliases* (cons (cons (%text alias) (%text name)) *aliases*)))

(define (%find-command name)
  (let* ((name (%text name))
         (alias (assoc name *aliases*))
         (name (if alias (cdr alias) name)))
    (assoc name *commands*)))

;; What a command line calls: the command, else a Scheme procedure of that
;; name.
(define (%command name . args)
  (let ((entry (%find-command name))
        (symbol (string->symbol name)))
    (cond (entry (apply (cadr entry) args))
          ((and (defined? symbol) (procedure? (eval symbol)))
           (apply (eval symbol) args))
          ((and (defined? symbol) (null? args)) ; a variable: show it
           (write (eval symbol))
           (newline)
           (void))
          (else (error (string-append "unknown command '" name
                                      "' (try 'help')"))))))

;; The REPL's evaluation of Scheme input: the value of the last form, but
;; nothing for a definition.
(define (%repl-forms forms)
  (let loop ((forms forms) (last (void)))
    (if (null? forms)
        last
        (let* ((form (car forms))
               (value (eval form (interaction-environment))))
          (loop (cdr forms)
                (if (and (pair? form)
                         (memq (car form) '(define define-macro macro set! load)))
                    (void)
                    value))))))

;;;; Running and stopping

(define *conditions* '())      ; breakpoint number -> thunk
(define *point-commands* '())  ; breakpoint number -> thunk
(define *displays* '())        ; (number format argument), oldest last
(define *display-counter* 0)
(define *in-commands* #f)      ; running a breakpoint's commands
(define *continue-requested* #f)

(define (%running?) (eq? (program-state) 'stopped))

(define (%require-running)
  (case (program-state)
    ((stopped) #t)
    ((trapped) (error "the program trapped; it cannot continue ('run' starts it again)"))
    ((exited) (error "the program has exited ('run' starts it again)"))
    ((none) (error "there is no program"))
    (else (error "the program is not running ('start' or 'run' first)"))))

(define (%strip-frame-number text)
  ;; "#0  @main (...)" -> "@main (...)"
  (let ((space (%string-index text #\space)))
    (if space (substring text (+ space 2) (string-length text)) text)))

(define (%show-frame)
  (%say (%strip-frame-number (frame-description 0)))
  (%say (where-text 0)))

(define (%show-displays)
  (when (%running?)
    (for-each (lambda (d) (%show-display d)) (reverse *displays*))))

(define (%show-display d)
  (let ((number (car d)) (format (cadr d)) (argument (caddr d)))
    (display number)
    (display ": ")
    (call-with-error-handler
     (lambda () (%say (%print-text argument format)))
     (lambda (message) (%say (%source-text argument) " <error: " message ">")))))

;; Whether breakpoint n stops the program now: its condition holds and its
;; ignore count is used up. Counts the hit.
(define (%breakpoint-stops? n)
  (let* ((entry (assv n *conditions*))
         (holds (if (not entry)
                    #t
                    (call-with-error-handler
                     (lambda () (not (eq? ((cdr entry)) #f)))
                     (lambda (message)
                       (%say "Error in testing the condition of breakpoint "
                             n ":")
                       (%say message)
                       #t)))))
    (and holds
         (begin
           (dbg:hit! n)
           (let ((ignore (cdr (assq 'ignore (dbg:point-info n)))))
             (if (> ignore 0)
                 (begin (dbg:set-ignore! n (- ignore 1)) #f)
                 #t))))))

(define (%point-temporary? n) (cdr (assq 'temporary (dbg:point-info n))))

;; Runs the commands of the stopping breakpoints; #t if one of them asked
;; to continue.
(define (%run-point-commands numbers)
  (set! *continue-requested* #f)
  (for-each
   (lambda (n)
     (let ((entry (assv n *point-commands*)))
       (when entry
         (set! *in-commands* #t)
         (call-with-error-handler
          (lambda ()
            (let ((result ((cdr entry))))
              (if (procedure? result) (result))))
          (lambda (message) (%say "error in the commands of breakpoint " n
                                  ": " message)))
         (set! *in-commands* #f))))
   numbers)
  *continue-requested*)

(define (%report-stop event start-function start-frame plan)
  (let ((kind (car event)))
    (case kind
      ((breakpoint)
       (let ((numbers (cdr event)))
         (for-each
          (lambda (n)
            (let ((temporary (%point-temporary? n)))
              (newline)
              (display (if temporary "Temporary breakpoint " "Breakpoint "))
              (display n)
              (display ", ")
              (if temporary (%forget-point n))))
          (list (car numbers)))
         (%show-frame)))
      ((watchpoint)
       (for-each
        (lambda (n)
          (let ((change (dbg:watch-change n)))
            (newline)
            (%say "Watchpoint " n ": " (cdr (assq 'spec (dbg:point-info n))))
            (newline)
            (%say "Old value = " (car change))
            (%say "New value = " (cadr change))))
        (cdr event))
       (%show-frame))
      ((watch-scope)
       (let ((n (cadr event)))
         (newline)
         (%say "Watchpoint " n " deleted because the program has left the frame")
         (%say "in which its value is valid.")
         (%forget-point n)
         (%show-frame)))
      ((done)
       (cond ((eq? plan 'stepi) (%say (where-text 0 #t)))
             ((eq? plan 'finish)
              (%show-frame)
              (for-each (lambda (name)
                          (%say "Value returned is " name " = "
                                (format-value name)))
                        (dbg:call-results)))
             ((or (not (equal? (frame-function 0) start-function))
                  (eq? plan 'until-location))
              (%show-frame))
             (else (%say (where-text 0)))))
      ((exited)
       (let ((code (cadr event)))
         (if (= code 0)
             (%say "[program exited normally]")
             (%say "[program exited with code " code "]"))))
      ((trapped)
       (newline)
       (display (trap-report)))
      ((interrupted)
       (newline)
       (%say "Program interrupted.")
       (%show-frame)))
    (%show-displays)))

;; Whether an event stops the program (breakpoint conditions, ignore
;; counts); the numbers of the breakpoints that stop.
(define (%stopping event)
  (case (car event)
    ((breakpoint)
     (let ((numbers (filter %breakpoint-stops? (cdr event))))
       (if (null? numbers) #f (cons 'breakpoint numbers))))
    ((watchpoint)
     (let ((numbers (filter %breakpoint-stops? (cdr event))))
       (if (null? numbers) #f (cons 'watchpoint numbers))))
    (else event)))

;; Sets a plan and runs until the program stops for good: reports the
;; stop, runs breakpoint commands (which may continue).
(define (%go plan . arguments)
  (%require-running)
  (let ((start-function (frame-function 0))
        (start-frame (if (eq? plan 'finish)
                         (frame-description (selected-frame))
                         #f)))
    (apply dbg:plan plan arguments)
    (if (eq? plan 'finish) (%say "Run till exit from " start-frame))
    (let loop ()
      (let* ((event (dbg:resume))
             (stop (%stopping event)))
        (%tell-passed-breakpoints)
        (cond ((not stop) (loop))
              (else
               (%report-stop stop start-function start-frame plan)
               (when (and (memq (car stop) '(breakpoint watchpoint))
                          (%running?)
                          (%run-point-commands (cdr stop)))
                 (dbg:plan 'continue)
                 (set! plan 'continue)
                 (loop))))))
    (void)))

;; Breakpoints the program ran through inside a host function's callback
;; (a qsort comparator), where it cannot stop: said, not silently skipped.
(define (%tell-passed-breakpoints)
  (for-each
   (lambda (passed)
     (%say "note: the breakpoint at " (car passed)
           " was reached " (number->string (cadr passed))
           (if (= (cadr passed) 1) " time" " times")
           " inside a call from a host function (such as qsort's comparator);"
           " the program cannot stop there"))
   (dbg:passed-breakpoints)))

(define (%count args)
  (if (null? args) 1 (%argument-value (car args))))

(define (run . args)
  (when (pair? args)
    (set-program-arguments! (map (lambda (a) (%text (%argument-value a))) args)))
  (dbg:start)
  (%say "Starting program: " (string-join (program-arguments) " "))
  (%go 'continue))

(define (start . args)
  (tbreak "main")
  (apply run args))

(define (continue . args)
  (if *in-commands*
      (set! *continue-requested* #t)
      (begin
        (%require-running)
        (when (pair? args)
          ;; continue N: ignore the breakpoint stopped at N-1 more times.
          (let ((here (%breakpoints-here)))
            (for-each (lambda (n)
                        (dbg:set-ignore! n (- (%argument-value (car args)) 1))
                        (%say "Will ignore next " (- (%argument-value (car args)) 1)
                              " crossings of breakpoint " n "."))
                      here)))
        (%go 'continue))))

(define (%breakpoints-here)
  (if (not (%running?))
      '()
      (let ((function (frame-function 0)) (pc (frame-pc 0)))
        (filter (lambda (n)
                  (let ((info (dbg:point-info n)))
                    (and (eq? (cdr (assq 'kind info)) 'breakpoint)
                         (member (describe-location function pc)
                                 (cdr (assq 'locations info))))))
                (dbg:points)))))

(define (step . n) (%go 'step (%count n)))
(define (stepi . n) (%go 'stepi (%count n)))
(define (next . n) (%go 'next (%count n)))
(define (finish) (%go 'finish))
(define (until . location)
  (if (null? location)
      (%go 'until)
      (%go 'until-location 1 (%location-text (car location)))))

;;;; Breakpoints and watchpoints

(define (%location-text x)
  (cond ((number? x) (number->string x))
        ((%name? x) (%text x))
        (else (error "expected a location (FUNCTION, FUNCTION:%VALUE, LINE, FILE:LINE or *PC), got" x))))

(define (%announce-breakpoint n temporary)
  (let ((where (cdr (assq 'locations (dbg:point-info n)))))
    (%say (if temporary "Temporary breakpoint " "Breakpoint ") n " at "
          (string-join where ", "))))

;; (break LOCATION [if CONDITION])
(define (%break temporary args)
  (if (null? args)
      (error "break: where? (FUNCTION, FUNCTION:%VALUE, LINE, FILE:LINE or *PC)"))
  (let ((n (dbg:break (%location-text (car args)) temporary)))
    (%announce-breakpoint n temporary)
    (when (and (pair? (cdr args)) (%is 'if (cadr args)))
      (if (null? (cddr args)) (error "break: 'if' needs a condition"))
      (condition n (caddr args)))
    n))

(define (break . args) (%break #f args))
(define (tbreak . args) (%break #t args))

(define (%forget-point n)
  (dbg:delete n)
  (set! *conditions* (filter (lambda (e) (not (= (car e) n))) *conditions*))
  (set! *point-commands*
        (filter (lambda (e) (not (= (car e) n))) *point-commands*)))

(define (%numbers args)
  (if (null? args)
      (dbg:points)
      (map (lambda (a)
             (let ((n (%argument-value a)))
               (if (integer? n) n (error "expected a breakpoint number, got" a))))
           args)))

(define (delete . args)
  (for-each (lambda (n) (dbg:point-info n) (%forget-point n)) (%numbers args))
  (void))

(define (enable . args)
  (for-each (lambda (n) (dbg:set-enabled! n #t)) (%numbers args))
  (void))

(define (disable . args)
  (for-each (lambda (n) (dbg:set-enabled! n #f)) (%numbers args))
  (void))

;; (condition N [EXPRESSION-OR-PROCEDURE]): stop at N only when it is true.
(define (condition n . expression)
  (dbg:point-info n)
  (set! *conditions* (filter (lambda (e) (not (= (car e) n))) *conditions*))
  (if (null? expression)
      (begin (dbg:set-condition-text! n "")
             (%say "Breakpoint " n " now unconditional."))
      (begin
        (set! *conditions* (cons (cons n (%thunk-of (car expression)))
                                 *conditions*))
        (dbg:set-condition-text! n (%source-text (car expression)))))
  (void))

;; (commands N [EXPRESSION-OR-PROCEDURE]): run it at every stop at N; it
;; may call (continue).
(define (commands n . body)
  (dbg:point-info n)
  (set! *point-commands*
        (filter (lambda (e) (not (= (car e) n))) *point-commands*))
  (if (null? body)
      (dbg:set-commands-text! n "")
      (begin
        (set! *point-commands* (cons (cons n (%thunk-of (car body)))
                                     *point-commands*))
        (dbg:set-commands-text! n (%source-text (car body)))))
  (void))

(define (ignore n count)
  (dbg:set-ignore! n (%argument-value count))
  (%say "Will ignore next " (%argument-value count)
        " crossings of breakpoint " n ".")
  (void))

;; (watch %VALUE), (watch @GLOBAL [SIZE]), (watch ADDRESS [SIZE]): stop
;; when the value changes. An alloca (a local variable at -O0) is watched
;; in memory, where the variable lives.
(define (watch what . size)
  (let ((n (cond ((and (%value-name? what)
                       (not (char=? (string-ref (%text what) 0) #\@))
                       (%alloca-watch what)))
                 ((and (%value-name? what)
                       (not (char=? (string-ref (%text what) 0) #\@)))
                  (dbg:watch-value (%text what)))
                 ((and (%value-name? what) (null? size))
                  (let ((info (global-info (%text what))))
                    (dbg:watch-memory (cdr (assq 'address info))
                                      (min 4096 (max 1 (cdr (assq 'size info))))
                                      (%text what))))
                 (else
                  (let ((address (%argument-value what))
                        (size (if (null? size) 8 (%argument-value (car size)))))
                    (if (not (integer? address))
                        (error "watch: expected %value, @global or an address, got" what))
                    (dbg:watch-memory address size))))))
    (%say "Watchpoint " n ": " (cdr (assq 'spec (dbg:point-info n))))
    n))

(define (%alloca-watch what)
  (let* ((info (value-info (%text what)))
         (allocated (cdr (assq 'allocated-type info))))
    (and allocated
         (let ((address ($ what))
               (type-info (ir-type-info allocated)))
           (and (not (= address 0))
                type-info
                (dbg:watch-memory address
                                  (min 4096 (max 1 (cdr (assq 'size type-info))))
                                  (string-append "*" (cdr (assq 'name info))
                                                 " (" allocated ")")))))))

;;;; Values

(define *inspectors* '()) ; (kind key procedure): kind is 'name or 'type

;; (add-type-inspector TYPE PROCEDURE): `print` shows values of IR type
;; TYPE ("ptr", "%struct.point") as (PROCEDURE NAME) returns (a string), or
;; as usual if it returns #f.
(define (add-type-inspector type procedure)
  (set! *inspectors*
        (cons (list 'type (%text type) (%procedure-named procedure))
              *inspectors*))
  (void))

;; A procedure, or the one a symbol names (as commands pass them).
(define (%procedure-named x)
  (let ((p (cond ((%expr? x) ((%expr-thunk x)))
                 ((and (symbol? x) (defined? x)) (eval x))
                 (else x))))
    (if (procedure? p) p (error "expected a procedure, got" x))))

;; (add-name-inspector PATTERN PROCEDURE): the same for values whose name
;; matches PATTERN, where * matches any text ("%str*", "*.addr").
(define (add-name-inspector pattern procedure)
  (set! *inspectors*
        (cons (list 'name (%text pattern) (%procedure-named procedure))
              *inspectors*))
  (void))

(define (%glob-match? pattern text)
  (let loop ((p 0) (t 0))
    (cond ((= p (string-length pattern)) (= t (string-length text)))
          ((char=? (string-ref pattern p) #\*)
           (or (loop (+ p 1) t)
               (and (< t (string-length text)) (loop p (+ t 1)))))
          ((= t (string-length text)) #f)
          ((char=? (string-ref pattern p) (string-ref text t))
           (loop (+ p 1) (+ t 1)))
          (else #f))))

;; The text print shows for an IR value: an inspector's, else the natural
;; one.
(define (%inspect name format)
  (let* ((info (value-info name))
         (full-name (cdr (assq 'name info)))
         (type (cdr (assq 'type info))))
    (let loop ((inspectors (if format '() *inspectors*)))
      (if (null? inspectors)
          (format-value full-name format)
          (let* ((entry (car inspectors))
                 (applies (if (eq? (car entry) 'name)
                              (%glob-match? (cadr entry) full-name)
                              (and type (string=? (cadr entry) type))))
                 (text (and applies ((caddr entry) full-name))))
            (if text text (loop (cdr inspectors))))))))

(define (%value-text name format)
  (let ((info (value-info (%text name))))
    (string-append (cdr (assq 'name info)) " = "
                   (%inspect (%text name) format))))

;; A Scheme value shown in a print format.
(define (%scheme-text x format)
  (let ((letter (%format-letter format)))
    (cond ((and (integer? x) letter)
           (case letter
             ((#\x) (number->hex x))
             ((#\u) (number->unsigned x))
             ((#\d) (number->string x))
             ((#\c) (format-bits x "i8" "c"))
             ((#\t) (format-bits x #f "t"))
             ((#\o) (format-bits x #f "o"))
             ((#\a) (format-bits x "ptr" "a"))
             ((#\s) (format-bits x "ptr" "s"))
             ((#\f) (format-bits x "double" "f"))
             (else (error "unknown format" format))))
          ((string? x) (->string x))
          ((void? x) "")
          (else (->string x)))))

(define (%print-text x format)
  (cond ((%expr? x) (%scheme-text ((%expr-thunk x)) format))
        ((%value-name? x) (%value-text x format))
        ((%dereference? x)
         (error (string-append
                 "print: " (%text x) ": IR pointers have no pointee type; "
                 "show the memory with x/FMT " (substring (%text x) 1
                                                         (string-length (%text x)))
                 " (x/4dw, x/2xg...), or print the alloca that holds it")))
        (else (%scheme-text x format))))

;; gdb's `*p` written for an IR value: `*%a`, `*@g`.
(define (%dereference? x)
  (and (%name? x)
       (let ((text (%text x)))
         (and (> (string-length text) 2)
              (char=? (string-ref text 0) #\*)
              (memv (string-ref text 1) '(#\% #\@))))))

;; (print [FORMAT] X...): IR values (%name, rN, @global), Scheme values,
;; or expressions from a command line.
(define (print . args)
  (let* ((split (%split-format args))
         (format (car split))
         (things (cdr split)))
    (if (null? things)
        (error "print: what? (%value, rN, @global or (expression))"))
    (for-each (lambda (x) (%say (%print-text x format))) things)
    (void)))

(define (display-expression . args)
  (let* ((split (%split-format args)))
    (if (null? (cdr split))
        (%show-displays)
        (begin
          (set! *display-counter* (+ *display-counter* 1))
          (let ((d (list *display-counter* (car split) (cadr split))))
            (set! *displays* (cons d *displays*))
            (if (%running?) (%show-display d)))))
    (void)))

(define (undisplay . args)
  (if (null? args)
      (set! *displays* '())
      (for-each (lambda (n)
                  (set! *displays*
                        (filter (lambda (d) (not (= (car d) (%argument-value n))))
                                *displays*)))
                args))
  (void))

;; x/NFU ADDRESS
(define *examine-next* #f)
(define *examine-format* "x")
(define *examine-unit* 4)
(define *examine-count* 1)

(define (%parse-examine-format text)
  ;; "/4xw" -> count 4, format x, unit 4
  (let loop ((i 1) (digits ""))
    (if (and (< i (string-length text)) (char-numeric? (string-ref text i)))
        (loop (+ i 1) (string-append digits (string (string-ref text i))))
        (begin
          (set! *examine-count* (if (string=? digits "") 1 (string->number digits)))
          (let letters ((i i))
            (when (< i (string-length text))
              (let ((c (string-ref text i)))
                (case c
                  ((#\b) (set! *examine-unit* 1))
                  ((#\h) (set! *examine-unit* 2))
                  ((#\w) (set! *examine-unit* 4))
                  ((#\g) (set! *examine-unit* 8))
                  ((#\x #\d #\u #\o #\t #\c #\f #\a #\s)
                   (set! *examine-format* (string c)))
                  (else (error (string-append "x: unknown format letter '"
                                              (string c) "'")))))
              (letters (+ i 1))))))))

(define (examine-memory . args)
  (let* ((split (%split-format args)))
    (if (car split) (%parse-examine-format (car split)) (set! *examine-count* 1))
    (let ((address (cond ((pair? (cdr split)) (%argument-value (cadr split)))
                         (*examine-next* *examine-next*)
                         (else (error "x: which address?")))))
      (if (not (integer? address)) (error "x: not an address:" address))
      (let ((result (examine address *examine-count* *examine-format*
                             *examine-unit*)))
        (display (car result))
        (set! *examine-next* (cdr result))))
    (void)))

;; set %x = 5 | set r3 5 | set u32 ADDRESS = 5 | set string ADDRESS = "s"
;; | set args A B...
(define *memory-sizes*
  '(("u8" . 1) ("u16" . 2) ("u32" . 4) ("u64" . 8)
    ("i8" . 1) ("i16" . 2) ("i32" . 4) ("i64" . 8)))

(define (%after-equals args)
  (cond ((null? args) (error "set: which value?"))
        ((%is '= (car args))
         (if (null? (cdr args)) (error "set: which value?") (cadr args)))
        (else (car args))))

(define (set-command . args)
  (if (null? args)
      (error "set: what? (set %value = V, set rN = V, set u32 ADDRESS = V, set string ADDRESS = \"text\", set args ...)"))
  (let ((what (car args)))
    (cond ((%is 'args what)
           (set-program-arguments!
            (map (lambda (a) (%text (%argument-value a))) (cdr args))))
          ((%is 'var what) (apply set-command (cdr args)))
          ((and (%name? what) (assoc (%text what) *memory-sizes*))
           => (lambda (entry)
                (if (null? (cdr args)) (error "set: which address?"))
                (write-memory! (%argument-value (cadr args)) (cdr entry)
                               (%argument-value (%after-equals (cddr args))))))
          ((%is 'f64 what)
           (write-memory! (%argument-value (cadr args)) 8
                          (double->bits (%argument-value (%after-equals (cddr args))))))
          ((%is 'f32 what)
           (write-memory! (%argument-value (cadr args)) 4
                          (float->bits (%argument-value (%after-equals (cddr args))))))
          ((%is 'string what)
           (write-string! (%argument-value (cadr args))
                          (%argument-value (%after-equals (cddr args)))))
          ((%value-name? what)
           (set-value! (%text what) (%argument-value (%after-equals (cdr args)))))
          (else (error "set: cannot set" what))))
  (void))

;;;; Frames

(define (backtrace . args)
  (%require-frames)
  (let* ((count (frame-count))
         (limit (if (null? args) count (min count (%argument-value (car args))))))
    (let loop ((i 0))
      (when (< i limit)
        (%say (frame-description i))
        (loop (+ i 1))))
    (if (< limit count) (%say "(More stack frames follow...)")))
  (void))

(define (%require-frames)
  (if (= (frame-count) 0)
      (error "no stack (the program is not running)")))

(define (frame . n)
  (%require-frames)
  (if (pair? n) (select-frame! (%argument-value (car n))))
  (%say (frame-description (selected-frame)))
  (%say (where-text (selected-frame)))
  (void))

(define (up . n)
  (%require-frames)
  (let ((target (+ (selected-frame) (%count n))))
    (if (>= target (frame-count))
        (error "initial frame selected; you cannot go up")
        (frame target))))

(define (down . n)
  (%require-frames)
  (let ((target (- (selected-frame) (%count n))))
    (if (< target 0)
        (error "bottom (innermost) frame selected; you cannot go down")
        (frame target))))

;;;; info

(define (%info-registers args)
  (%require-frames)
  (if (pair? args)
      (for-each (lambda (r) (%say (%value-text r "/x"))) args)
      (let ((count (register-count)))
        (let loop ((r 1))
          (when (< r count)
            (let ((bits (register r)))
              (%say (%pad (string-append "r" (number->string r)) 8)
                    (%pad (register-name r) 20)
                    (%pad (number->hex bits) 20)
                    bits))
            (loop (+ r 1)))))))

(define (%info-locals)
  (%require-frames)
  (let ((names (value-names)))
    (if (null? names)
        (%say "No named values.")
        (for-each (lambda (name) (%say (%value-text name #f))) names))))

(define (%info-args)
  (%require-frames)
  (let ((count (cdr (assq 'parameters (function-info (frame-function (selected-frame)))))))
    (if (= count 0)
        (%say "No arguments.")
        (let loop ((r 1))
          (when (<= r count)
            (%say (%value-text (register-name r) #f))
            (loop (+ r 1)))))))

(define (%info-frame)
  (%require-frames)
  (let ((n (selected-frame)))
    (%say "Stack level " n ", activation " (frame-id n) ":")
    (%say " function @" (frame-function n) ", pc " (frame-pc n)
          (let ((line (source-line-number (frame-function n) (frame-pc n))))
            (if line (string-append " (" (source-file) ":" (number->string line) ")") "")))
    (let ((ir (ir-text (frame-function n) (frame-pc n))))
      (if ir (%say " IR instruction: " ir)))
    (%say " Comet instruction: " (instruction-text (frame-function n) (frame-pc n)))
    (if (< (+ n 1) (frame-count))
        (%say " called by frame " (+ n 1) " (@" (frame-function (+ n 1)) ")"))
    (if (> n 0)
        (%say " caller of frame " (- n 1) " (@" (frame-function (- n 1)) ")"))
    (%say " registers: " (register-count n))))

(define (%point-type info)
  (case (cdr (assq 'kind info))
    ((breakpoint) "breakpoint")
    ((watchpoint) "watchpoint")
    (else "watchpoint")))

(define (%info-points which)
  (let ((numbers (filter (lambda (n)
                           (let ((kind (cdr (assq 'kind (dbg:point-info n)))))
                             (case which
                               ((breakpoints) #t)
                               ((watchpoints) (not (eq? kind 'breakpoint))))))
                         (dbg:points))))
    (if (null? numbers)
        (%say (if (eq? which 'watchpoints) "No watchpoints." "No breakpoints or watchpoints."))
        (begin
          (%say "Num     Type           Disp Enb What")
          (for-each
           (lambda (n)
             (let ((info (dbg:point-info n)))
               (%say (%pad (number->string n) 8)
                     (%pad (%point-type info) 15)
                     (%pad (if (cdr (assq 'temporary info)) "del" "keep") 5)
                     (%pad (if (cdr (assq 'enabled info)) "y" "n") 4)
                     (if (eq? (cdr (assq 'kind info)) 'breakpoint)
                         (string-append (cdr (assq 'spec info)) " at "
                                        (string-join (cdr (assq 'locations info)) ", "))
                         (cdr (assq 'spec info))))
               (let ((condition (cdr (assq 'condition info))))
                 (if (not (string=? condition ""))
                     (%say "        stop only if " condition)))
               (let ((hits (cdr (assq 'hits info))))
                 (if (> hits 0)
                     (%say "        breakpoint already hit " hits
                           (if (= hits 1) " time" " times"))))
               (let ((ignore (cdr (assq 'ignore info))))
                 (if (> ignore 0)
                     (%say "        will ignore next " ignore " crossings")))
               (let ((commands (cdr (assq 'commands info))))
                 (if (not (string=? commands ""))
                     (%say "        commands: " commands)))))
           numbers)))))

(define (%info-functions args)
  (let ((filter-text (if (null? args) #f (%text (car args)))))
    (for-each (lambda (name)
                (if (or (not filter-text) (%string-contains? name filter-text))
                    (let ((info (function-info name)))
                      (%say "@" name " ("
                            (%count-of (cdr (assq 'parameters info)) "parameter")
                            ", "
                            (%count-of (cdr (assq 'instructions info)) "instruction")
                            ")"))))
              (functions))))

(define (%info-trap)
  (if (eq? (program-state) 'trapped)
      (display (trap-report))
      (%say "The program has not trapped.")))

(define (%info-display)
  (if (null? *displays*)
      (%say "There are no auto-display expressions now.")
      (for-each (lambda (d)
                  (%say (car d) ": " (if (cadr d) (string-append (cadr d) " ") "")
                        (%source-text (caddr d))))
                (reverse *displays*))))

(define (%info-program)
  (%say "The program is " (program-state)
        (case (program-state)
          ((exited trapped) (string-append " (status "
                                           (number->string (exit-code)) ")"))
          (else "")))
  (%say "Arguments: " (string-join (program-arguments) " ")))

(define *info-topics*
  '("registers" "frame" "locals" "args" "breakpoints" "watchpoints"
    "functions" "trap" "display" "program"))

(define (info . args)
  (if (null? args)
      (error (string-append "info: what? (" (string-join *info-topics* ", ") ")")))
  (let ((topic (%text (car args))) (rest (cdr args)))
    (cond ((%string-prefix? topic "registers") (%info-registers rest))
          ((string=? topic "all-registers") (%info-registers rest))
          ((%string-prefix? topic "frame") (%info-frame))
          ((%string-prefix? topic "locals") (%info-locals))
          ((%string-prefix? topic "args") (%info-args))
          ((or (%string-prefix? topic "breakpoints") (string=? topic "b"))
           (%info-points 'breakpoints))
          ((%string-prefix? topic "watchpoints") (%info-points 'watchpoints))
          ((%string-prefix? topic "functions") (%info-functions rest))
          ((%string-prefix? topic "trap") (%info-trap))
          ((%string-prefix? topic "display") (%info-display))
          ((%string-prefix? topic "program") (%info-program))
          (else (error (string-append "info: unknown topic '" topic "' ("
                                      (string-join *info-topics* ", ") ")")))))
  (void))

;;;; Source

(define (list-source . args)
  (if (null? args)
      (begin (%require-frames) (display (listing)))
      (let ((location (car (resolve-location (%location-text (car args))))))
        (display (listing (car location) (cadr location)))))
  (void))

(define (disassemble . args)
  (display (if (null? args)
               (disassembly)
               (disassembly (%text (car args)))))
  (void))

;;;; Files, help, quit

(define (%run-input text)
  (let ((code (command->scheme text)))
    (if (not (string=? code ""))
        (let ((port (open-input-string code)))
          (let loop ((form (read port)))
            (if (not (eof-object? form))
                (begin (eval form (interaction-environment))
                       (loop (read port)))))))))

;; (source FILE): runs a file of debugger commands; stops at the first
;; error, as gdb does.
(define (source path)
  (let loop ((lines (read-file-lines (%text path))) (pending ""))
    (cond ((null? lines)
           (if (not (string=? pending "")) (%run-input pending)))
          (else
           (let ((text (string-append pending (car lines) "\n")))
             (if (balanced? text)
                 (begin (%run-input text) (loop (cdr lines) ""))
                 (loop (cdr lines) text))))))
  (void))

(define (load-scheme path)
  ;; (TinyScheme evaluates what it loads in the caller's environment: here
  ;; the global one, so that definitions stay.)
  (eval (list 'load (%text path)) (interaction-environment))
  (void))

(define (%default-exit-status)
  (case (program-state)
    ((exited trapped) (exit-code))
    (else 0)))

;; (quit [STATUS]): leaves the debugger; the status is the program's if
;; it ran to its end, else 0.
(define (quit . status)
  (exit (if (null? status) (%default-exit-status) (%argument-value (car status)))))

(define (%define-command-command name . rest)
  (cond ((null? rest) (error "define: NAME \"documentation\" (lambda (args...) ...)"))
        ((string? (car rest))
         (if (null? (cdr rest)) (error "define: the command's procedure is missing"))
         (define-command name (car rest) (%procedure-of (cadr rest))))
        (else (define-command name "(no documentation)" (%procedure-of (car rest))))))

(define (%procedure-of x)
  (let ((p (if (%expr? x) ((%expr-thunk x)) x)))
    (if (procedure? p) p (error "define: expected a procedure, got" p))))

(define (help . args)
  (if (null? args)
      (begin
        (%say "Commands (help COMMAND for more; Scheme works everywhere):")
        (for-each
         (lambda (c)
           (let* ((doc (caddr c))
                  (end (%string-index doc #\newline))
                  (first-line (if end (substring doc 0 end) doc)))
             (%say "  " (%pad (car c) 14) first-line)))
         (%sort-commands *commands*)))
      (let ((entry (%find-command (car args))))
        (if (not entry)
            (error (string-append "help: unknown command '" (%text (car args)) "'")))
        (%say "usage: " (cadddr entry))
        (let ((aliases (filter (lambda (a) (string=? (cdr a) (car entry))) *aliases*)))
          (if (pair? aliases)
              (%say "aliases: " (string-join (map car aliases) ", "))))
        (%say (caddr entry))))
  (void))

(define (%sort-commands commands)
  ;; insertion sort by name (the table is small)
  (let insert-all ((rest commands) (sorted '()))
    (if (null? rest)
        sorted
        (insert-all (cdr rest)
                    (let insert ((x (car rest)) (l sorted))
                      (cond ((null? l) (list x))
                            ((string<? (car x) (car (car l))) (cons x l))
                            (else (cons (car l) (insert x (cdr l))))))))))

;;;; The commands

(define-command "run" "Start the program (again), with ARGS as its arguments if given."
  run "run [ARGS...]")
(define-command "start" "Run the program to the first statement of main (a temporary breakpoint)."
  start "start [ARGS...]")
(define-command "break"
  "Stop the program at a location.
LOCATION is FUNCTION (or @FUNCTION), FUNCTION:%VALUE or %VALUE (the
instruction defining an IR value), LINE or FILE:LINE (of the .ll file), or
*PC or *FUNCTION:PC (a Comet instruction). 'if (EXPR)' adds a condition."
  break "break LOCATION [if (EXPR)]")
(define-command "tbreak" "Like break, but the breakpoint is deleted when it stops the program."
  tbreak "tbreak LOCATION [if (EXPR)]")
(define-command "delete" "Delete breakpoints and watchpoints (all without numbers)."
  delete "delete [N...]")
(define-command "disable" "Disable breakpoints and watchpoints (all without numbers)."
  disable "disable [N...]")
(define-command "enable" "Enable breakpoints and watchpoints (all without numbers)."
  enable "enable [N...]")
(define-command "condition"
  "Stop at breakpoint N only when a Scheme predicate holds.
%name in EXPR reads IR values. Without EXPR the breakpoint becomes
unconditional."
  condition "condition N [(EXPR)]")
(define-command "commands"
  "Run Scheme whenever breakpoint N stops the program.
BODY is an expression or a procedure; (continue) in it resumes the program.
Without BODY the breakpoint has no commands."
  commands "commands N [(BODY)]")
(define-command "ignore" "Ignore the next COUNT crossings of breakpoint N."
  ignore "ignore N COUNT")
(define-command "watch"
  "Stop when a value changes.
WHAT is an IR value or register of the selected frame (%name, rN; a local
variable of -O0 code, an alloca, is watched in memory), a global (@name),
or SIZE bytes (default 8) at an address."
  watch "watch %VALUE | @GLOBAL | ADDRESS [SIZE]")
(define-command "continue" "Resume the program.
With N, ignore the breakpoint stopped at N-1 more times."
  continue "continue [N]")
(define-command "step" "Run to the next IR instruction (N times), entering calls."
  step "step [N]")
(define-command "stepi" "Run one Comet instruction (N times), entering calls."
  stepi "stepi [N]")
(define-command "next" "Run to the next IR instruction of this function, over calls (N times)."
  next "next [N]")
(define-command "finish" "Run until the selected frame returns; show the value it returns."
  finish "finish")
(define-command "until"
  "Run until a later instruction of this frame, or LOCATION.
Without LOCATION: like next, but never stop at an earlier instruction of the
frame (so it leaves loops). With LOCATION: run until it is reached in this
frame or the frame returns."
  until "until [LOCATION]")
(define-command "print"
  "Show values: IR values, registers, globals or Scheme.
WHAT is an IR value (%name, shown with its IR type), a register (rN), a
global (@name: its contents by IR type), or a Scheme value or expression.
FMT is one of x d u o t c f a s. Data inspectors may show values their way."
  print "print[/FMT] WHAT...")
(define-command "x"
  "Examine memory.
Shows N units of U bytes (b=1 h=2 w=4 g=8) from ADDRESS in format F (x d u
o t c f a s). Without ADDRESS, it continues after the last."
  examine-memory "x[/NFU] [ADDRESS]")
(define-command "display" "Print WHAT at every stop (without arguments: print them all now)."
  display-expression "display[/FMT] [WHAT]")
(define-command "undisplay" "Stop displaying expressions N... (all without numbers)."
  undisplay "undisplay [N...]")
(define-command "backtrace" "Show the call frames, innermost first (N of them)."
  backtrace "backtrace [N]")
(define-command "frame" "Select frame N (0 is the innermost) and show it."
  frame "frame [N]")
(define-command "up" "Select the frame N levels up (towards main)."
  up "up [N]")
(define-command "down" "Select the frame N levels down (towards the innermost)."
  down "down [N]")
(define-command "info"
  "Show what the debugger knows about a TOPIC.
TOPIC is registers [NAMES], frame, locals, args, breakpoints, watchpoints,
functions [TEXT], trap, display or program."
  info "info TOPIC")
(define-command "list"
  "Show the source around the current location, with its Comet code.
The .ll lines around the selected frame's location (or LOCATION), the Comet
instructions of each beside them, '=>' at the current line and '->' at the
current instruction."
  list-source "list [LOCATION]")
(define-command "disassemble" "Show the Comet instructions of a function, with the IR they implement."
  disassemble "disassemble [FUNCTION]")
(define-command "set"
  "Change a value, memory, or the program's arguments.
set %name = V, set rN = V, set u8|u16|u32|u64|i8..i64|f32|f64 ADDRESS = V,
set string ADDRESS = \"text\"; 'set args A B' sets the program's arguments
for the next run."
  set-command "set WHAT [=] VALUE")
(define-command "define"
  "Define a command.
NAME calls PROCEDURE with the command's arguments, and 'help NAME' shows
DOC."
  %define-command-command "define NAME \"DOC\" (lambda (args...) ...)")
(define-command "load" "Load a Scheme file." load-scheme "load FILE.scm")
(define-command "source" "Run a file of debugger commands (it stops at the first error)."
  source "source FILE")
(define-command "help" "Show the commands, or what COMMAND does." help "help [COMMAND]")
(define-command "quit" "Leave the debugger, with STATUS or the program's exit status."
  quit "quit [STATUS]")

(define-alias "b" "break")
(define-alias "tb" "tbreak")
(define-alias "d" "delete")
(define-alias "c" "continue")
(define-alias "cont" "continue")
(define-alias "s" "step")
(define-alias "si" "stepi")
(define-alias "n" "next")
(define-alias "u" "until")
(define-alias "p" "print")
(define-alias "bt" "backtrace")
(define-alias "where" "backtrace")
(define-alias "f" "frame")
(define-alias "i" "info")
(define-alias "l" "list")
(define-alias "disas" "disassemble")
(define-alias "q" "quit")
(define-alias "exit" "quit")
