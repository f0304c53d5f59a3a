;;; Lint fixture module: the recommendation for the one conclusion.
(defmodule MANAGE (import MAIN ?ALL))

(defrule MANAGE::recommend-calf-loading
   "X-load-calf | S1 | A calf strain needs graded loading."
   (evidence (conclusion calf-strain) (polarity support))
   =>
   (assert (recommendation (id load-calf) (for calf-strain))))

(defrule MANAGE::refer-clot
   "X-refer-clot | L1 | A possible clot is reviewed the same day."
   (evidence (conclusion clot) (polarity support))
   =>
   (assert (recommendation (id refer-clot) (for clot))))
