;;; 85-gate.clp — GATE: a supported red flag that needs medical care first
;;; (conditions.tsv suppresses=yes: A1-A5) closes the gate on management
;;; advice. The gate reads support votes, not the combined belief, so
;;; arguing-against evidence can lower a red flag's certainty but never open
;;; the gate again.

(defmodule GATE (import MAIN ?ALL))

(defrule GATE::suppress-management
   "R58 | S4,L1,L4,L5 | While a red flag needing medical care stands, hold back all loading, soft-tissue and gait advice and show only referral and safety advice, even beside a well-supported strain."
   (condition (id ?c) (suppresses yes))
   (exists (evidence (conclusion ?c) (polarity support)))
   =>
   (assert (gate (state management-suppressed) (because ?c))))

;;; ---------------------------------------------------------------- contraindications
;;; knowledge/contraindications.tsv as (contraindication) facts: advice that
;;; must never be given while a conclusion is supported or a state holds.
;;; GATE derives the states and the blocks; every MANAGE rule that can give a
;;; contraindicated recommendation carries (not (blocked (recommendation R)))
;;; and soleus lint checks that it does.

(defrule GATE::note-s4-unanswered
   "X-state-s4-unanswered | S4 | An S4 screening question without an answer means the screen is not clear, whatever the other answers say."
   (exists (unanswered (screen s4)))
   =>
   (assert (state (name s4-unanswered))))

(defrule GATE::note-trend-unknown
   "X-state-trend-unknown | S4,S5 | With the course since onset not recorded, nobody knows the pain is not getting worse."
   (not (finding (name symptom-trend)))
   =>
   (assert (state (name trend-unknown))))

(defrule GATE::note-worsening
   "X-state-worsening | S4,S5 | Pain getting worse is a reason not to run on it."
   (finding (name symptom-trend) (value worsening))
   =>
   (assert (state (name worsening))))

(defrule GATE::note-stopped
   "X-state-stopped | S5 | A calf that stopped the runner in their tracks is not run on."
   (finding (name stopped-in-tracks) (value yes))
   =>
   (assert (state (name stopped))))

(defrule GATE::note-referral-pending
   "X-state-referral-pending | S4 | A supported red flag or referral means the referral answers first."
   (exists (condition (id ?a) (red-flag yes))
           (evidence (conclusion ?a) (polarity support)))
   =>
   (assert (state (name referral-pending))))

(defrule GATE::block-for-conclusion
   "X-block-conclusion | - | Advice listed as contraindicated with a supported conclusion is withheld (knowledge/contraindications.tsv)."
   (contraindication (recommendation ?r) (by ?c))
   (exists (evidence (conclusion ?c) (polarity support)))
   =>
   (assert (blocked (recommendation ?r) (because ?c))))

(defrule GATE::block-for-state
   "X-block-state | - | Advice listed as contraindicated with a state of the record is withheld (knowledge/contraindications.tsv)."
   (contraindication (recommendation ?r) (by ?s))
   (state (name ?s))
   =>
   (assert (blocked (recommendation ?r) (because ?s))))
