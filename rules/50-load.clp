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
   (assert (evidence (conclusion driver-training-load-error) (polarity support) (strength moderate) (rule R41) (basis load-increase weekly-mileage-increase-pct))))

(defrule LOAD::suspect-new-intensity
   "R41 | S5,S2 | New speed work, hills or a new jumping class added within the last few weeks before the pain began is a common trigger for calf overload."
   (threshold (name load-window-days) (value ?w))
   (finding (name recent-load-change) (value speed-intervals|terrain-hills|plyometrics-class))
   (finding (name symptom-duration) (value ?d&:(<= ?d ?w)))
   =>
   (assert (evidence (conclusion driver-training-load-error) (polarity support) (strength moderate) (rule R41) (basis load-increase recent-load-change))))

(defrule LOAD::suspect-distance-and-speed
   "R42 | S3 | Building distance and speed at the same time stacks two kinds of load on the calf; one runner's story, so weak."
   (finding (name recent-load-change) (value distance))
   (finding (name recent-load-change) (value speed-intervals))
   =>
   (assert (evidence (conclusion driver-training-load-error) (polarity support) (strength weak) (rule R42) (basis recent-load-change))))

(defrule LOAD::ask-other-load-changes-within-ten-percent
   "R43 | S3,L12 | A weekly rise of ten per cent or less neither proves nor clears a load error (the S3 runner kept to it and was hurt), so ask what else changed: pace, hills, sessions."
   (threshold (name ten-percent-rule-pct) (value ?lo))
   (finding (name weekly-mileage-increase-pct) (value ?p&:(>= ?p 0)&:(<= ?p ?lo)))
   (not (finding (name recent-load-change)))
   =>
   (assert (advice (finding recent-load-change) (because driver-training-load-error))))

;;; ---------------------------------------------------------------- K11 premature return

(defrule LOAD::suspect-premature-return
   "R44 | S2,S4 | Pain that came back after rest and a jump straight back to full training shows the calf was not rebuilt before the return."
   (finding (name rested-then-recurred) (value yes))
   =>
   (assert (evidence (conclusion driver-premature-return) (polarity support) (strength moderate) (rule R44) (basis rested-then-recurred))))

;;; ---------------------------------------------------------------- K9 + T4 strike switch

(defrule LOAD::suspect-forefoot-switch
   "R47 | L15 | A recent change to forefoot landing raises Achilles and calf load, and new forefoot runners commonly get sore calves."
   (finding (name recent-strike-change-to-forefoot) (value yes))
   =>
   (assert (evidence (conclusion driver-forefoot-toe-running-demand) (polarity support) (strength moderate) (rule R47)))
   (assert (evidence (conclusion calf-overuse-overload) (polarity support) (strength moderate) (rule R47))))
