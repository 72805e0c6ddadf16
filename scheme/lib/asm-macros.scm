;;; asm-macros.scm: loaded for every pass of a .cas file with macros
;;; (after prelude.scm and the primitives label, here and scope). Helpers
;;; that give bytes and assembly lines.

;; The bytes of an integer, little-endian, in `size` bytes.
(define (le-bytes value size)
  (let loop ((i 0) (value value) (bytes '()))
    (if (= i size)
        (reverse bytes)
        (loop (+ i 1) (shift-right value 8)
              (cons (bitwise-and value 255) bytes)))))

(define (le16 value) (le-bytes value 2))
(define (le32 value) (le-bytes value 4))
(define (le64 value) (le-bytes value 8))

;; ULEB128 and SLEB128 encodings (as in DWARF and WebAssembly): their
;; length depends on the value, so labels after them move as it changes.
(define (uleb128 value)
  (let loop ((value value) (bytes '()))
    (let ((low (bitwise-and value 127))
          (rest (shift-right value 7)))
      (if (= rest 0)
          (reverse (cons low bytes))
          (loop rest (cons (bitwise-or low 128) bytes))))))

(define (sleb128 value)
  (let loop ((value value) (bytes '()))
    (let* ((low (bitwise-and value 127))
           (rest (arithmetic-shift value -7))
           (done (or (and (= rest 0) (= (bitwise-and low 64) 0))
                     (and (= rest -1) (not (= (bitwise-and low 64) 0))))))
      (if done
          (reverse (cons low bytes))
          (loop rest (cons (bitwise-or low 128) bytes))))))

;; (repeat N PROCEDURE): the lists (PROCEDURE 0) ... (PROCEDURE N-1)
;; appended, or the values as a list.
(define (repeat n procedure)
  (let loop ((i (- n 1)) (result '()))
    (if (< i 0)
        result
        (let ((item (procedure i)))
          (loop (- i 1) (if (list? item) (append item result) (cons item result)))))))

;; A register name from a string or number: (reg "x" 3) => %x3.
(define (reg . parts)
  (string->symbol
   (apply string-append "%" (map (lambda (p) (if (number? p) (number->string p) (->string p))) parts))))

;; Bytes needed to pad from `offset` to a multiple of `alignment`.
(define (padding offset alignment)
  (modulo (- alignment (modulo offset alignment)) alignment))
