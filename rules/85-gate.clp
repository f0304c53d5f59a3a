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
