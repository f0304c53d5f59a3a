;;; 00-templates.clp — shared fact templates and the phase order.
;;; Every other rule file holds one module that imports these from MAIN.
;;; Facts about the patient come only from the host, through the fact API.

(defmodule MAIN (export ?ALL))

;; One recorded finding. Absent or unanswered findings have no fact:
;; unknown is not negative.
(deftemplate MAIN::finding
   (slot name (type SYMBOL))
   (slot value (type SYMBOL INTEGER FLOAT)))

;; Knowledge facts, asserted by the host from knowledge/ after every reset.
(deftemplate MAIN::screen-item            ; a screening question (vocabulary.tsv)
   (slot name (type SYMBOL))
   (slot screen (type SYMBOL)))
(deftemplate MAIN::condition              ; a conclusion (conditions.tsv)
   (slot id (type SYMBOL))
   (slot tier (type SYMBOL))              ; a tier of tiers.tsv
   (slot urgency (type SYMBOL))           ; an urgency of urgency.tsv
   (slot red-flag (type SYMBOL) (allowed-symbols yes no))  ; urgency.tsv: a supported one is a red flag
   (slot suppresses (type SYMBOL) (allowed-symbols yes no)))
(deftemplate MAIN::strength-cf            ; certainty factor of a strength (strengths.tsv)
   (slot strength (type SYMBOL))
   (slot cf (type FLOAT)))
(deftemplate MAIN::threshold              ; a reviewable cut-off (thresholds.tsv)
   (slot name (type SYMBOL))
   (slot value (type NUMBER)))
(deftemplate MAIN::must-ask               ; a question a trigger makes compulsory (must-not-miss.tsv)
   (slot conclusion (type SYMBOL))        ; the red flag the answer could raise
   (slot trigger (type SYMBOL))           ; finding name of the trigger
   (slot when (type SYMBOL))              ; its value
   (slot finding (type SYMBOL)))          ; the finding to ask
(deftemplate MAIN::contraindication       ; never give this advice while that stands (contraindications.tsv)
   (slot recommendation (type SYMBOL))
   (slot by (type SYMBOL)))               ; a conclusion id or a GATE state
(deftemplate MAIN::referral               ; the referral a supported conclusion gets (referrals.tsv)
   (slot conclusion (type SYMBOL))
   (slot recommendation (type SYMBOL)))
(deftemplate MAIN::wells-item             ; a Wells item scored by an answer (wells.tsv)
   (slot finding (type SYMBOL))
   (slot value (type SYMBOL))             ; the answer that scores
   (slot points (type INTEGER)))
(deftemplate MAIN::wells-measure          ; a Wells item scored by a measurement (wells.tsv)
   (slot finding (type SYMBOL))
   (slot at-least (type SYMBOL))          ; a threshold of thresholds.tsv
   (slot points (type INTEGER)))
(deftemplate MAIN::sign-set               ; any two of these signs are a vote (sign-sets.tsv)
   (slot id (type SYMBOL))
   (slot phase (type SYMBOL))             ; the module whose rule applies it
   (slot conclusion (type SYMBOL))
   (slot rule (type SYMBOL))              ; the brief rule id the votes carry
   (slot strength (type SYMBOL))
   (slot votes (type SYMBOL) (allowed-symbols each-pair once))
   (slot value (type SYMBOL))             ; the value each member must have
   (multislot members (type SYMBOL)))
(deftemplate MAIN::opinion-rule           ; a brief rule id whose rules cite only opinion-level sources (sources.tsv)
   (slot rule (type SYMBOL)))

;; Derived facts.
(deftemplate MAIN::unanswered             ; a screening item with no answer
   (slot name (type SYMBOL))
   (slot screen (type SYMBOL)))           ; s4, wells, or the red flag a must-ask question serves
(deftemplate MAIN::wells-point            ; one Wells item that scored
   (slot item (type SYMBOL))
   (slot points (type INTEGER)))
(deftemplate MAIN::score                  ; a running total, built one item per firing
   (slot name (type SYMBOL))
   (slot value (type INTEGER) (default 0))
   (multislot counted (type SYMBOL)))
(deftemplate MAIN::evidence               ; one rule's vote on one conclusion
   (slot conclusion (type SYMBOL))
   (slot polarity (type SYMBOL) (allowed-symbols support oppose prior))
   (slot strength (type SYMBOL) (allowed-symbols strong moderate weak prior))
   (slot rule (type SYMBOL) (default none))  ; brief rule id: keeps two rules' equal votes apart
   (multislot basis (type SYMBOL)))          ; the signs the vote rests on: votes sharing one are not independent
(deftemplate MAIN::dependent              ; a vote left out of its belief: it shares a sign with a vote that counts
   (slot conclusion (type SYMBOL))
   (slot vote (type INTEGER))             ; fact index of the evidence left out
   (slot kept (type INTEGER))             ; fact index of the evidence that counts instead
   (slot on (type SYMBOL)))               ; the shared sign
(deftemplate MAIN::belief                 ; combined certainty of one conclusion
   (slot conclusion (type SYMBOL))
   (slot cf (type FLOAT) (default 0.0))
   (multislot counted (type INTEGER)))    ; fact indices of evidence already combined
(deftemplate MAIN::advice                 ; what to assess next, and why
   (slot finding (type SYMBOL))
   (slot because (type SYMBOL)))
(deftemplate MAIN::gate                   ; management suppressed by a red flag (R58)
   (slot state (type SYMBOL) (allowed-symbols management-suppressed))
   (slot because (type SYMBOL)))
(deftemplate MAIN::state                  ; a fact about the record that blocks advice (GATE)
   (slot name (type SYMBOL) (allowed-symbols s4-unanswered trend-unknown worsening stopped referral-pending)))
(deftemplate MAIN::blocked                ; advice withheld while a contraindication stands (GATE)
   (slot recommendation (type SYMBOL))
   (slot because (type SYMBOL)))
(deftemplate MAIN::recommendation         ; a management suggestion
   (slot id (type SYMBOL))
   (slot for (type SYMBOL)))

(defrule MAIN::start-phases
   "X-phases | - | Run the phases in order: screen, red flags, tissue, drivers, load, tendencies, review, belief, gate, management."
   =>
   (focus SCREEN REDFLAG TISSUE CHAIN LOAD TENDENCY REVIEW BELIEF GATE MANAGE))
