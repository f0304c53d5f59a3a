;;; 50-load.clp — LOAD: training-load drivers: load errors (K8), a too-quick
;;; return after rest (K11) and a recent switch to forefoot running (R47).
;;; The percentage and time cut-offs are design defaults in thresholds.tsv.

(defmodule LOAD (import MAIN ?ALL))

;;; ---------------------------------------------------------------- K8 training-load error

(defrule LOAD::suspect-load-spike
   "R41 | S5,S2,L12 | Weekly distance raised by more than the spike cut-off over a week or two outpaces what the calf can adapt to."
   (threshold (name load-spike-pct) (value ?t))
   (finding (name weekly-mileage-increase-pct) (value ?p&:(> ?p ?t)))
   =>
   (assert (evidence (conclusion driver-training-load-error) (polarity support) (strength moderate) (rule R41))))

(defrule LOAD::suspect-new-intensity
   "R41 | S5,S2 | New speed work or hills added within the last few weeks before the pain began is a common trigger for calf overload."
   (threshold (name load-window-days) (value ?w))
   (finding (name recent-load-change) (value speed-intervals|terrain-hills))
   (finding (name symptom-duration) (value ?d&:(<= ?d ?w)))
   =>
   (assert (evidence (conclusion driver-training-load-error) (polarity support) (strength moderate) (rule R41))))

(defrule LOAD::suspect-steady-climb
   "R42 | S3,L12 | A weekly rise above the customary ten per cent but below the spike cut-off may still be too much; the evidence is indirect."
   (threshold (name ten-percent-rule-pct) (value ?lo))
   (threshold (name load-spike-pct) (value ?hi))
   (finding (name weekly-mileage-increase-pct) (value ?p&:(> ?p ?lo)&:(<= ?p ?hi)))
   =>
   (assert (evidence (conclusion driver-training-load-error) (polarity support) (strength weak) (rule R42))))

(defrule LOAD::suspect-distance-and-speed
   "R42 | S3,L12 | Building distance and speed at the same time stacks two kinds of load on the calf."
   (finding (name recent-load-change) (value distance))
   (finding (name recent-load-change) (value speed-intervals))
   =>
   (assert (evidence (conclusion driver-training-load-error) (polarity support) (strength weak) (rule R42))))

(defrule LOAD::keep-load-suspect-within-ten-percent
   "R43 | S3,L12 | Staying within ten per cent a week does not clear training load when other changes were made; the S3 runner was hurt anyway."
   (threshold (name ten-percent-rule-pct) (value ?lo))
   (finding (name weekly-mileage-increase-pct) (value ?p&:(<= ?p ?lo)))
   (finding (name recent-load-change) (value ~none))
   =>
   (assert (evidence (conclusion driver-training-load-error) (polarity support) (strength weak) (rule R43))))

;;; ---------------------------------------------------------------- K11 premature return

(defrule LOAD::suspect-premature-return
   "R44 | S2,S4 | Pain that came back after rest and a jump straight back to full training shows the calf was not rebuilt before the return."
   (finding (name rested-then-recurred) (value yes))
   =>
   (assert (evidence (conclusion driver-premature-return) (polarity support) (strength moderate) (rule R44))))

;;; ---------------------------------------------------------------- K9 + T4 strike switch

(defrule LOAD::suspect-forefoot-switch
   "R47 | L15 | A recent change to forefoot landing raises Achilles and calf load, and new forefoot runners commonly get sore calves."
   (finding (name recent-strike-change-to-forefoot) (value yes))
   =>
   (assert (evidence (conclusion driver-forefoot-toe-running-demand) (polarity support) (strength moderate) (rule R47)))
   (assert (evidence (conclusion calf-overuse-overload) (polarity support) (strength moderate) (rule R47))))
