;;; Lint fixture: a minimal knowledge base that passes every check.
;;; Each sibling folder changes one thing so that exactly one check fires.
(defmodule MAIN (export ?ALL))
(deftemplate MAIN::finding (slot name) (slot value))
(deftemplate MAIN::threshold (slot name) (slot value))
(deftemplate MAIN::evidence (slot conclusion) (slot polarity) (slot strength))
(deftemplate MAIN::recommendation (slot id) (slot for))
(deftemplate MAIN::sign-set (slot id) (slot phase) (slot conclusion) (slot rule) (slot strength)
   (slot votes) (slot value) (multislot members))

(defrule MAIN::start-phases
   "X-phases | - | Run the phases in order."
   =>
   (focus TISSUE MANAGE))
