;;; 30-tissue.clp — TISSUE: what state the calf tissue is in: gastrocnemius
;;; strain (T1), soleus strain or overload (T2), muscle-tendon junction site
;;; (T3) and overuse overload without a tear (T4). Red flags were voted on
;;; before this module runs.

(defmodule TISSUE (import MAIN ?ALL))

;;; ---------------------------------------------------------------- T1 gastrocnemius strain

(defrule TISSUE::suspect-gastrocnemius-strain-explosive
   "R19 | S5,S4,L10 | A remembered sudden onset during fast or explosive running with pain in the upper calf muscle is the typical gastrocnemius tear; two clinic articles and a narrative review, so moderate."
   (finding (name onset) (value sudden))
   (finding (name injury-moment-remembered) (value yes))
   (finding (name activity-at-onset) (value speed-intervals|sprint|jumping|hill-sprints))
   (finding (name pain-location) (value gastrocnemius-belly|mtj))
   =>
   (assert (evidence (conclusion gastrocnemius-strain) (polarity support) (strength moderate) (rule R19) (basis activity-at-onset))))

(defrule TISSUE::suspect-gastrocnemius-strain-walking
   "R20 | S5 | Upper calf muscle pain on walking, with a squeeze test not known to be positive, fits a gastrocnemius strain."
   (finding (name pain-location) (value gastrocnemius-belly|mtj))
   (finding (name pain-on-walking) (value yes))
   (not (finding (name thompson-positive) (value yes)))
   =>
   (assert (evidence (conclusion gastrocnemius-strain) (polarity support) (strength moderate) (rule R20))))

(defrule TISSUE::suspect-gastrocnemius-strain-toe-rise
   "R20 | S5 | Upper calf muscle pain on rising onto the toes, with a squeeze test not known to be positive, fits a gastrocnemius strain."
   (finding (name pain-location) (value gastrocnemius-belly|mtj))
   (finding (name pain-on-heel-raise) (value yes))
   (not (finding (name thompson-positive) (value yes)))
   =>
   (assert (evidence (conclusion gastrocnemius-strain) (polarity support) (strength moderate) (rule R20))))

(defrule TISSUE::favour-gastrocnemius-straight-knee
   "R24 | L10 | Heel raises that hurt with the knee straight but not bent load the two-joint gastrocnemius more; the test is unvalidated."
   (finding (name straight-knee-heel-raise-pain) (value yes))
   (finding (name bent-knee-heel-raise-pain) (value no))
   =>
   (assert (evidence (conclusion gastrocnemius-strain) (polarity support) (strength weak) (rule R24))))

(defrule TISSUE::favour-gastrocnemius-high-force
   "R26 | S4,L10 | Upper calf pain that began in a sprint or jump comes from a high-force overload, which the fast-twitch gastrocnemius suffers more than the soleus; it restates the onset R19 already counts."
   (finding (name activity-at-onset) (value sprint|jumping|hill-sprints))
   (finding (name pain-location) (value gastrocnemius-belly|mtj))
   =>
   (assert (evidence (conclusion gastrocnemius-strain) (polarity support) (strength moderate) (rule R26) (basis activity-at-onset))))

(defrule TISSUE::suspect-gastrocnemius-strain-twinge
   "X-twinge-gastrocnemius | S4,L10 | A remembered sudden twinge in the upper calf during steady or hill running makes a gastrocnemius strain possible."
   (finding (name onset) (value sudden))
   (finding (name injury-moment-remembered) (value yes))
   (finding (name activity-at-onset) (value easy-run|long-run|hills))
   (finding (name pain-location) (value gastrocnemius-belly|mtj))
   =>
   (assert (evidence (conclusion gastrocnemius-strain) (polarity support) (strength weak) (rule X-twinge-gastrocnemius) (basis activity-at-onset))))

;;; ---------------------------------------------------------------- T3 muscle-tendon junction

(defrule TISSUE::locate-strain-mtj-gastrocnemius
   "R21 | S4 | Tenderness where muscle turns into tendon places a gastrocnemius strain at its weakest point."
   (finding (name pain-location) (value mtj))
   (exists (evidence (conclusion gastrocnemius-strain) (polarity support)))
   =>
   (assert (evidence (conclusion mtj-strain) (polarity support) (strength moderate) (rule R21))))

(defrule TISSUE::locate-strain-mtj-soleus
   "R21 | S4 | Tenderness where muscle turns into tendon places a soleus strain at its weakest point."
   (finding (name pain-location) (value mtj))
   (exists (evidence (conclusion soleus-strain-overload) (polarity support)))
   =>
   (assert (evidence (conclusion mtj-strain) (polarity support) (strength moderate) (rule R21))))

;;; ---------------------------------------------------------------- T2 soleus strain or overload

(defrule TISSUE::suspect-soleus-overload-mileage
   "R22 | S5,L10 | A forefoot runner with deep calf pain after a steep rise in weekly distance fits soleus overuse."
   (threshold (name load-spike-pct) (value ?t))
   (finding (name foot-strike) (value forefoot))
   (finding (name weekly-mileage-increase-pct) (value ?p&:(> ?p ?t)))
   (finding (name pain-location) (value deep-soleus))
   =>
   (assert (evidence (conclusion soleus-strain-overload) (polarity support) (strength moderate) (rule R22))))

(defrule TISSUE::suspect-soleus-bent-knee
   "R23 | L10 | Deep calf pain, or pain where muscle turns into tendon, that crept on and hurts on bent-knee but not straight-knee heel raises points at the soleus; the test is unvalidated."
   (finding (name onset) (value gradual))
   (finding (name pain-location) (value deep-soleus|mtj))
   (finding (name bent-knee-heel-raise-pain) (value yes))
   (finding (name straight-knee-heel-raise-pain) (value no))
   =>
   (assert (evidence (conclusion soleus-strain-overload) (polarity support) (strength weak) (rule R23))))

(defrule TISSUE::suspect-soleus-strain-twinge
   "X-twinge-soleus | S4,S5 | A remembered sudden moment during running with pain deep in the calf makes a soleus strain possible, though soleus injuries more often creep on, so weak."
   (finding (name onset) (value sudden))
   (finding (name injury-moment-remembered) (value yes))
   (finding (name activity-at-onset) (value ~non-running))
   (finding (name pain-location) (value deep-soleus))
   =>
   (assert (evidence (conclusion soleus-strain-overload) (polarity support) (strength weak) (rule X-twinge-soleus))))

(defrule TISSUE::advise-differential-screen-cramping
   "R27 | S5,S1,L3,L6 | Cramping during runs fits soleus overuse but also exertional compartment or artery problems, so the differential screen is run."
   (finding (name cramping-during-run) (value yes))
   =>
   (assert (evidence (conclusion run-differential-screen) (polarity support) (strength weak) (rule R27))))

(defrule TISSUE::suspect-soleus-cramping
   "R27 | S5,L10 | Cramping during runs with the pain deep in the calf leans towards the soleus."
   (finding (name cramping-during-run) (value yes))
   (finding (name pain-location) (value deep-soleus))
   =>
   (assert (evidence (conclusion soleus-strain-overload) (polarity support) (strength weak) (rule R27))))

;;; ---------------------------------------------------------------- T4 overuse overload

(defrule TISSUE::suspect-overuse-long-run
   "R25 | S4,S2 | Pain that crept on during long runs with no moment of injury and no red flag fits fatigue overload rather than a tear."
   (finding (name onset) (value gradual))
   (not (finding (name injury-moment-remembered) (value yes)))
   (finding (name activity-at-onset) (value long-run))
   (not (and (condition (id ?a) (red-flag yes))
             (evidence (conclusion ?a) (polarity support))))
   =>
   (assert (evidence (conclusion calf-overuse-overload) (polarity support) (strength moderate) (rule R25) (basis gradual-no-injury-moment activity-at-onset))))

(defrule TISSUE::suspect-overuse-set-distance
   "R25 | S4,S2,S1 | Pain that crept on and arrives at a set distance into each run, with no moment of injury and no red flag, fits fatigue overload."
   (finding (name onset) (value gradual))
   (not (finding (name injury-moment-remembered) (value yes)))
   (finding (name pain-onset-into-run) (value ?km&:(> ?km 0)))
   (not (and (condition (id ?a) (red-flag yes))
             (evidence (conclusion ?a) (polarity support))))
   =>
   (assert (evidence (conclusion calf-overuse-overload) (polarity support) (strength moderate) (rule R25) (basis gradual-no-injury-moment pain-onset-into-run))))

(defrule TISSUE::suspect-overuse-any-pace
   "R25 | S4 | An ache that crept on with no moment of injury and is there even at an easy pace fits a calf tiring under repeated load rather than a tear; one clinic's account, so weak."
   (finding (name onset) (value gradual))
   (not (finding (name injury-moment-remembered) (value yes)))
   (finding (name pain-at-slow-pace) (value yes))
   (not (and (condition (id ?a) (red-flag yes))
             (evidence (conclusion ?a) (polarity support))))
   =>
   (assert (evidence (conclusion calf-overuse-overload) (polarity support) (strength weak) (rule R25) (basis gradual-no-injury-moment pain-at-slow-pace))))
