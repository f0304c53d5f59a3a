;;; Lint fixture module: one supporting rule and one prior.
(defmodule TISSUE (import MAIN ?ALL))

(defrule TISSUE::suspect-calf-strain
   "R19 | S1,L1 | Sudden calf pain that hurts on walking fits a strain."
   (finding (name onset) (value sudden))
   (finding (name pain-on-walking) (value yes))
   =>
   (assert (evidence (conclusion calf-strain) (polarity support) (strength moderate))))

(defrule TISSUE::weigh-older-age
   "R54 | L1 | Older runners strain a calf more easily."
   (threshold (name older-age) (value ?t))
   (finding (name age) (value ?a&:(>= ?a ?t)))
   =>
   (assert (evidence (conclusion calf-strain) (polarity prior) (strength prior))))
