;;; Lint fixture module: the recommendation for the one conclusion.
(defmodule MANAGE (import MAIN ?ALL))

(defrule MANAGE::recommend-calf-loading
   "X-load-calf | S1 | A calf strain needs graded loading."
   (evidence (conclusion calf-strain) (polarity support))
   =>
   (assert (recommendation (id load-calf) (for calf-strain))))
