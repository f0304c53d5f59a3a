;;; 10-screen.clp — SCREEN: lists the screening questions nobody answered,
;;; builds the Wells DVT total one scored item per firing, and counts the
;;; reassuring answers to the four S4 serious-condition questions. Later
;;; modules read (score (name wells)) and (score (name s4)); the cut-offs come
;;; from (threshold) facts (knowledge/thresholds.tsv).

(defmodule SCREEN (import MAIN ?ALL))

;;; ---------------------------------------------------------------- unanswered

(defrule SCREEN::note-unanswered-item
   "X-unanswered | S4,L1 | A screening question with no recorded answer is listed as unanswered; silence is never taken as a reassuring answer."
   (screen-item (name ?n) (screen ?s))
   (not (finding (name ?n)))
   =>
   (assert (unanswered (name ?n) (screen ?s))))

;;; A trigger in the must-not-miss table (knowledge/must-not-miss.tsv, ask
;;; rows) makes its questions compulsory: sudden onset or a blow asks for the
;;; compartment signs and the squeeze test, back pain for saddle symptoms.

(defrule SCREEN::ask-must-not-miss-question
   "X-must-ask | S4,L4,L19,L20,L23 | A finding that could raise a red flag is asked whenever its trigger is present; while it has no answer it is listed as unanswered."
   (must-ask (conclusion ?c) (trigger ?t) (when ?v) (finding ?f))
   (finding (name ?t) (value ?v))
   (not (finding (name ?f)))
   =>
   (assert (unanswered (name ?f) (screen ?c))))

;;; ---------------------------------------------------------------- Wells score
;;; The items and their points are a table (knowledge/wells.tsv, asserted as
;;; wells-item and wells-measure facts): each scoring row asserts one
;;; (wells-point); add-wells-point then folds the points into the total one at
;;; a time, so each point is its own firing.

(defrule SCREEN::open-wells-score
   "X-wells-open | L1 | Start the Wells total at zero as soon as any Wells item has an answer; with no answers at all there is no score to report."
   (exists (screen-item (name ?n) (screen wells))
           (finding (name ?n)))
   =>
   (assert (score (name wells))))

(defrule SCREEN::score-wells-item
   "X-wells-item | L1,L2 | A Wells item answered with the value its row of the Wells table names scores that row's points; the row cites its own sources."
   (wells-item (finding ?f) (value ?v) (points ?p))
   (finding (name ?f) (value ?v))
   =>
   (assert (wells-point (item ?f) (points ?p))))

(defrule SCREEN::score-wells-measure
   "X-wells-measure | L1 | A measured Wells item at or above the cut-off its row of the Wells table names scores that row's points."
   (wells-measure (finding ?f) (at-least ?t) (points ?p))
   (threshold (name ?t) (value ?n))
   (finding (name ?f) (value ?x&:(>= ?x ?n)))
   =>
   (assert (wells-point (item ?f) (points ?p))))

(defrule SCREEN::add-wells-point
   "X-wells-add | - | Fold one scored Wells item into the running total; one item per firing keeps every point traceable."
   ?s <- (score (name wells) (value ?v) (counted $?done))
   (wells-point (item ?i&:(not (member$ ?i ?done))) (points ?p))
   =>
   (modify ?s (value (+ ?v ?p)) (counted ?done ?i)))

;;; ---------------------------------------------------------------- S4 screen
;;; The S4 screen is reassuring only when all four answers are reassuring:
;;; (score (name s4) (value 4)). A failed answer is acted on by REDFLAG (R10,
;;; R11, R12); this module only counts.

(defrule SCREEN::open-s4-screen
   "X-s4-open | S4 | Start counting reassuring S4 answers as soon as any of the four questions has an answer."
   (exists (screen-item (name ?n) (screen s4))
           (finding (name ?n)))
   =>
   (assert (score (name s4))))

(defrule SCREEN::count-s4-moment-remembered
   "X-s4-moment | S4 | Being able to name the moment the pain began is the first reassuring answer of the S4 screen."
   ?s <- (score (name s4) (value ?v) (counted $?done&:(not (member$ s4-moment ?done))))
   (finding (name injury-moment-remembered) (value yes))
   =>
   (modify ?s (value (+ ?v 1)) (counted ?done s4-moment)))

(defrule SCREEN::count-s4-easing
   "X-s4-easing | S4 | Pain that was worst at first and is now settling is the second reassuring answer of the S4 screen."
   ?s <- (score (name s4) (value ?v) (counted $?done&:(not (member$ s4-easing ?done))))
   (finding (name symptom-trend) (value improving))
   =>
   (modify ?s (value (+ ?v 1)) (counted ?done s4-easing)))

(defrule SCREEN::count-s4-normal-colour
   "X-s4-colour | S4 | A leg of normal colour is the third reassuring answer of the S4 screen."
   ?s <- (score (name s4) (value ?v) (counted $?done&:(not (member$ s4-colour ?done))))
   (finding (name leg-discolouration) (value none))
   =>
   (modify ?s (value (+ ?v 1)) (counted ?done s4-colour)))

(defrule SCREEN::count-s4-calm-skin
   "X-s4-skin | S4 | Skin that is not shiny over a calf that is not exquisitely tender is the fourth reassuring answer of the S4 screen."
   ?s <- (score (name s4) (value ?v) (counted $?done&:(not (member$ s4-skin ?done))))
   (finding (name shiny-skin) (value no))
   (finding (name exquisite-tenderness) (value no))
   =>
   (modify ?s (value (+ ?v 1)) (counted ?done s4-skin)))
