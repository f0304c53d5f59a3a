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
;;; One rule per Wells item asserts a (wells-point); add-wells-point then folds
;;; the points into the total one at a time, so each point is its own firing.

(defrule SCREEN::open-wells-score
   "X-wells-open | L1 | Start the Wells total at zero as soon as any Wells item has an answer; with no answers at all there is no score to report."
   (exists (screen-item (name ?n) (screen wells))
           (finding (name ?n)))
   =>
   (assert (score (name wells))))

(defrule SCREEN::score-wells-active-cancer
   "X-wells-cancer | L1 | Cancer that is active or recently treated adds one Wells point."
   (finding (name wells-active-cancer) (value yes))
   =>
   (assert (wells-point (item wells-active-cancer) (points 1))))

(defrule SCREEN::score-wells-paralysis-or-cast
   "X-wells-immobile-leg | L1 | Paralysis, paresis or a recent plaster cast of the leg adds one Wells point."
   (finding (name wells-paralysis-or-recent-cast) (value yes))
   =>
   (assert (wells-point (item wells-paralysis-or-recent-cast) (points 1))))

(defrule SCREEN::score-wells-bedridden-or-surgery
   "X-wells-bedrest | L1 | Being bedridden for days or major surgery in the last weeks adds one Wells point."
   (finding (name wells-bedridden-or-major-surgery) (value yes))
   =>
   (assert (wells-point (item wells-bedridden-or-major-surgery) (points 1))))

(defrule SCREEN::score-wells-previous-dvt
   "X-wells-previous-dvt | L1 | A documented earlier DVT adds one point (an item of the later versions of the score, not the 1997 original)."
   (finding (name wells-previous-dvt) (value yes))
   =>
   (assert (wells-point (item wells-previous-dvt) (points 1))))

(defrule SCREEN::score-wells-deep-vein-tenderness
   "X-wells-tenderness | L1 | Tenderness along the deep veins adds one Wells point."
   (finding (name deep-vein-tenderness) (value yes))
   =>
   (assert (wells-point (item deep-vein-tenderness) (points 1))))

(defrule SCREEN::score-wells-entire-leg-swollen
   "X-wells-leg-swollen | L1 | Swelling of the whole leg adds one Wells point."
   (finding (name entire-leg-swollen) (value yes))
   =>
   (assert (wells-point (item entire-leg-swollen) (points 1))))

(defrule SCREEN::score-wells-calf-swelling
   "X-wells-calf-swelling | L1 | A calf whose girth exceeds the other side by at least the cut-off adds one Wells point."
   (threshold (name calf-swelling-cm) (value ?t))
   (finding (name calf-swelling-diff) (value ?v&:(>= ?v ?t)))
   =>
   (assert (wells-point (item calf-swelling-diff) (points 1))))

(defrule SCREEN::score-wells-pitting-oedema
   "X-wells-pitting | L1 | Pitting oedema on the painful side adds one Wells point."
   (finding (name pitting-oedema-symptomatic-leg) (value yes))
   =>
   (assert (wells-point (item pitting-oedema-symptomatic-leg) (points 1))))

(defrule SCREEN::score-wells-collateral-veins
   "X-wells-veins | L1 | New non-varicose superficial veins add one Wells point."
   (finding (name collateral-superficial-veins) (value yes))
   =>
   (assert (wells-point (item collateral-superficial-veins) (points 1))))

(defrule SCREEN::score-wells-alternative-diagnosis
   "X-wells-alternative | L1,L2 | Another diagnosis at least as likely takes two points off; on its own it never clears a red flag (see the REDFLAG rules)."
   (finding (name alternative-dx-at-least-as-likely) (value yes))
   =>
   (assert (wells-point (item alternative-dx-at-least-as-likely) (points -2))))

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
