;;; Lint fixture module: one red flag.
(defmodule REDFLAG (import MAIN ?ALL))

(defrule REDFLAG::flag-clot
   "R03 | L1 | A swollen calf is a clot sign."
   (finding (name calf-swollen) (value yes))
   =>
   (assert (evidence (conclusion clot) (polarity support) (strength moderate))))
