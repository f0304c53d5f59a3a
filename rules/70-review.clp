;;; 70-review.clp — REVIEW: rules that need other conclusions first: the clot
;;; check on a supported strain (R04), gait analysis on the chronic overuse
;;; pattern (R29), the whole-chain search (R45), bilateral symptoms (R52), the
;;; questions the differential screen still needs answered, and the findings
;;; that argue against a supported conclusion. Arguing-against votes are weak
;;; and only target conclusions that already have support, so they lower a
;;; belief but never remove a red flag (GATE reads support, not belief).

(defmodule REVIEW (import MAIN ?ALL))

;;; ---------------------------------------------------------------- R04 clot behind a strain
;;; Salience is control only: these add red-flag votes, and R45 below must see
;;; them before it decides that no red flag stands.

(defrule REVIEW::refer-gastrocnemius-worsening
   "R04 | L2 | A calf tear that gets worse after the first days may hide or have caused a clot; send for an ultrasound."
   (declare (salience 10))              ; red-flag votes before the no-red-flag rules below
   (exists (evidence (conclusion gastrocnemius-strain) (polarity support)))
   (threshold (name acute-review-days) (value ?t))
   (finding (name symptom-trend) (value worsening))
   (finding (name symptom-duration) (value ?d&:(> ?d ?t)))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R04) (basis symptom-trend))))

(defrule REVIEW::refer-soleus-worsening
   "R04 | L2 | A soleus strain that gets worse after the first days may hide or have caused a clot; send for an ultrasound."
   (declare (salience 10))              ; red-flag votes before the no-red-flag rules below
   (exists (evidence (conclusion soleus-strain-overload) (polarity support)))
   (threshold (name acute-review-days) (value ?t))
   (finding (name symptom-trend) (value worsening))
   (finding (name symptom-duration) (value ?d&:(> ?d ?t)))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R04) (basis symptom-trend))))

(defrule REVIEW::refer-gastrocnemius-swelling
   "R04 | L2 | New calf swelling on top of a gastrocnemius tear can be a clot that accompanies the tear; send for an ultrasound."
   (declare (salience 10))              ; red-flag votes before the no-red-flag rules below
   (exists (evidence (conclusion gastrocnemius-strain) (polarity support)))
   (threshold (name strain-swelling-cm) (value ?t))
   (finding (name calf-swelling-diff) (value ?v&:(>= ?v ?t)))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R04) (basis calf-swelling-diff))))

(defrule REVIEW::refer-soleus-swelling
   "R04 | L2 | New calf swelling on top of a soleus strain can be a clot that accompanies the strain; send for an ultrasound."
   (declare (salience 10))              ; red-flag votes before the no-red-flag rules below
   (exists (evidence (conclusion soleus-strain-overload) (polarity support)))
   (threshold (name strain-swelling-cm) (value ?t))
   (finding (name calf-swelling-diff) (value ?v&:(>= ?v ?t)))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R04) (basis calf-swelling-diff))))

(defrule REVIEW::refer-gastrocnemius-colour-change
   "R04 | L2 | Colour change beyond local bruising on top of a gastrocnemius tear can be a clot; send for an ultrasound."
   (declare (salience 10))              ; red-flag votes before the no-red-flag rules below
   (exists (evidence (conclusion gastrocnemius-strain) (polarity support)))
   (finding (name leg-discolouration) (value red|pale|dusky-blue))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R04) (basis leg-discolouration))))

(defrule REVIEW::refer-soleus-colour-change
   "R04 | L2 | Colour change beyond local bruising on top of a soleus strain can be a clot; send for an ultrasound."
   (declare (salience 10))              ; red-flag votes before the no-red-flag rules below
   (exists (evidence (conclusion soleus-strain-overload) (polarity support)))
   (finding (name leg-discolouration) (value red|pale|dusky-blue))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R04) (basis leg-discolouration))))

;;; ---------------------------------------------------------------- R29 chronic overuse with normal strength

(defrule REVIEW::advise-gait-analysis
   "R29 | S1,S2 | Months of overuse pain with normal strength and range that self-care has not fixed calls for watching the runner run on video; only the video, not the absence of other findings, can show an overstride."
   (exists (evidence (conclusion calf-overuse-overload) (polarity support)))
   (threshold (name gait-review-days) (value ?t))
   (finding (name global-strength-rom-normal) (value yes))
   (finding (name self-care-failed) (value yes))
   (finding (name symptom-duration) (value ?d&:(> ?d ?t)))
   =>
   (assert (evidence (conclusion gait-analysis-advised) (polarity support) (strength moderate) (rule R29))))

;;; ---------------------------------------------------------------- R45 whole-chain search

(defrule REVIEW::advise-whole-chain-search
   "R45 | S4,S2 | Pain lasting beyond six weeks without a red flag means rest alone has failed; look along the whole chain for the weak link."
   (threshold (name chain-search-days) (value ?t))
   (finding (name symptom-duration) (value ?d&:(> ?d ?t)))
   (not (and (condition (id ?a) (red-flag yes))
             (evidence (conclusion ?a) (polarity support))))
   =>
   (assert (evidence (conclusion whole-chain-search-advised) (polarity support) (strength moderate) (rule R45) (basis rest-or-treatment-failed symptom-duration))))

(defrule REVIEW::advise-whole-chain-search-failed-physio
   "R45 | S4 | When earlier physiotherapy did not fix the calf, the weak link is likely elsewhere in the chain, so search it whole; with no red flag standing."
   (finding (name previous-physio-failed) (value yes))
   (not (and (condition (id ?a) (red-flag yes))
             (evidence (conclusion ?a) (polarity support))))
   =>
   (assert (evidence (conclusion whole-chain-search-advised) (polarity support) (strength moderate) (rule R45) (basis rest-or-treatment-failed previous-physio-failed))))

(defrule REVIEW::advise-whole-chain-search-recurrence
   "R45 | S4,S2 | Pain that came back after rest points at a cause that rest did not touch, so search the whole chain; with no red flag standing."
   (finding (name rested-then-recurred) (value yes))
   (not (and (condition (id ?a) (red-flag yes))
             (evidence (conclusion ?a) (polarity support))))
   =>
   (assert (evidence (conclusion whole-chain-search-advised) (polarity support) (strength moderate) (rule R45) (basis rest-or-treatment-failed rested-then-recurred))))

;;; ---------------------------------------------------------------- R52 both calves

(defrule REVIEW::advise-differential-screen-bilateral
   "R52 | S1,L3 | Pain in both calves with running is an exertional pattern, so the compartment and artery questions must be asked."
   (finding (name bilateral-symptoms) (value yes))
   =>
   (assert (evidence (conclusion run-differential-screen) (polarity support) (strength weak) (rule R52))))

(defrule REVIEW::favour-overuse-bilateral
   "R52 | S1,L3 | Both calves hurting at once fits overload better than a tear, which is usually one-sided."
   (finding (name bilateral-symptoms) (value yes))
   (exists (evidence (conclusion calf-overuse-overload) (polarity support)))
   =>
   (assert (evidence (conclusion calf-overuse-overload) (polarity support) (strength weak) (rule R52) (basis bilateral-symptoms))))

(defrule REVIEW::favour-overstride-bilateral
   "R52 | S1 | Both calves hurting at once fits a running-pattern driver that loads both legs alike; in S1 that is the same heavy heel strike R28 counts, so it is not counted again."
   (finding (name bilateral-symptoms) (value yes))
   (exists (evidence (conclusion driver-overstride-heel-strike) (polarity support)))
   =>
   (assert (evidence (conclusion driver-overstride-heel-strike) (polarity support) (strength weak) (rule R52) (basis bilateral-symptoms s1-heavy-heel-strike))))

(defrule REVIEW::doubt-gastrocnemius-bilateral
   "R52 | S1,L3 | A muscle tear in both calves at once is unlikely, so symptoms in both legs count against a gastrocnemius strain."
   (finding (name bilateral-symptoms) (value yes))
   (exists (evidence (conclusion gastrocnemius-strain) (polarity support)))
   =>
   (assert (evidence (conclusion gastrocnemius-strain) (polarity oppose) (strength weak) (rule R52))))

(defrule REVIEW::doubt-soleus-bilateral
   "R52 | S1,L3 | A strain in both calves at once is unlikely, so symptoms in both legs count against a soleus strain."
   (finding (name bilateral-symptoms) (value yes))
   (exists (evidence (conclusion soleus-strain-overload) (polarity support)))
   =>
   (assert (evidence (conclusion soleus-strain-overload) (polarity oppose) (strength weak) (rule R52))))

;;; ---------------------------------------------------------------- questions still to ask
;;; While the differential screen is advised, each discriminating finding that
;;; has no answer yet becomes an (advice) naming the conclusion it would test.

(defrule REVIEW::ask-settling-time
   "X-ask-settling | L3,L6 | Whether the pain eases within minutes of stopping separates exertional compartment and artery problems from a strain."
   (exists (evidence (conclusion run-differential-screen) (polarity support)))
   (not (finding (name settles-within-minutes-of-stopping)))
   =>
   (assert (advice (finding settles-within-minutes-of-stopping) (because cecs-suspected))))

(defrule REVIEW::ask-pain-onset-distance
   "X-ask-onset-distance | L3 | Pain that starts at the same distance every run is the exertional compartment signature."
   (exists (evidence (conclusion run-differential-screen) (polarity support)))
   (not (finding (name pain-onset-into-run)))
   =>
   (assert (advice (finding pain-onset-into-run) (because cecs-suspected))))

(defrule REVIEW::ask-paraesthesia
   "X-ask-paraesthesia | L3,L6 | Pins and needles with running point to a compartment or artery cause rather than muscle."
   (exists (evidence (conclusion run-differential-screen) (polarity support)))
   (not (finding (name paraesthesia-foot-or-calf)))
   =>
   (assert (advice (finding paraesthesia-foot-or-calf) (because cecs-suspected))))

(defrule REVIEW::ask-cold-foot
   "X-ask-cold-foot | L6 | A foot that goes cold or pale after running points to a trapped popliteal artery."
   (exists (evidence (conclusion run-differential-screen) (polarity support)))
   (not (finding (name cold-pale-foot-after-exercise)))
   =>
   (assert (advice (finding cold-pale-foot-after-exercise) (because paes-suspected))))

(defrule REVIEW::ask-provoked-pulses
   "X-ask-pulses | L6 | Foot pulses that fade on provocation point to a trapped popliteal artery."
   (exists (evidence (conclusion run-differential-screen) (polarity support)))
   (not (finding (name pulses-reduced-on-provocation)))
   =>
   (assert (advice (finding pulses-reduced-on-provocation) (because paes-suspected))))

(defrule REVIEW::ask-night-pain
   "X-ask-night-pain | L9 | Pain at night or at rest is a bone stress warning."
   (exists (evidence (conclusion run-differential-screen) (polarity support)))
   (not (finding (name night-or-rest-pain)))
   =>
   (assert (advice (finding night-or-rest-pain) (because tibial-bone-stress-injury))))

(defrule REVIEW::ask-hop-pain
   "X-ask-hop | L9 | Pain on hopping is a bone stress warning."
   (exists (evidence (conclusion run-differential-screen) (polarity support)))
   (not (finding (name pain-on-hop)))
   =>
   (assert (advice (finding pain-on-hop) (because tibial-bone-stress-injury))))

(defrule REVIEW::ask-ankle-reflex
   "X-ask-reflex | L7 | A reduced ankle reflex separates an S1 root problem from a calf problem."
   (exists (evidence (conclusion run-differential-screen) (polarity support)))
   (not (finding (name ankle-reflex-reduced)))
   =>
   (assert (advice (finding ankle-reflex-reduced) (because s1-radiculopathy))))

(defrule REVIEW::ask-outer-foot-sensation
   "X-ask-sensation | L7 | Numbness of the outer foot separates an S1 root problem from a calf problem."
   (exists (evidence (conclusion run-differential-screen) (polarity support)))
   (not (finding (name lateral-foot-sensory-loss)))
   =>
   (assert (advice (finding lateral-foot-sensory-loss) (because s1-radiculopathy))))

(defrule REVIEW::ask-tibial-tenderness-length
   "X-ask-tibial-length | L8,L9 | With shin pain, how long a stretch of bone is tender separates a stress injury (short) from shin splints (long)."
   (finding (name pain-location) (value posteromedial-tibia|anterior-shin))
   (not (finding (name tibial-tenderness-length)))
   =>
   (assert (advice (finding tibial-tenderness-length) (because tibial-bone-stress-injury))))

(defrule REVIEW::ask-hop-pain-shin
   "X-ask-tibial-hop | L9 | With shin pain, a hop test separates a bone stress injury from shin splints."
   (finding (name pain-location) (value posteromedial-tibia|anterior-shin))
   (not (finding (name pain-on-hop)))
   =>
   (assert (advice (finding pain-on-hop) (because tibial-bone-stress-injury))))

(defrule REVIEW::ask-slump-test
   "R50 | S2,L7 | When a nerve source is possible, do the slump test before settling on a muscle-only explanation."
   (exists (evidence (conclusion slump-test-advised) (polarity support)))
   (not (finding (name slump-test) (value ~not-done)))
   =>
   (assert (advice (finding slump-test) (because driver-neural-mobility))))

;;; ---------------------------------------------------------------- arguing against (tier A)
;;; Always weak: a supported red flag keeps a positive belief after one of
;;; these, and GATE holds management back whatever the belief.

(defrule REVIEW::doubt-dvt-low-wells-clear-screen
   "X-oppose-dvt-low-wells | L1,L2,S4 | A complete low Wells score with a fully reassuring S4 screen lowers the clot suspicion a little; a tear does not exclude a clot."
   (exists (evidence (conclusion possible-dvt) (polarity support)))
   (score (name wells) (value ?w&:(<= ?w 0)))
   (not (unanswered (screen wells)))
   (score (name s4) (value 4))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity oppose) (strength weak) (rule X-oppose-dvt-low-wells))))

(defrule REVIEW::doubt-acs-settles-with-rest
   "X-oppose-acs-settles | L4,L3 | Pain that settles within minutes of stopping fits the exertional form rather than the acute compartment emergency."
   (exists (evidence (conclusion acute-compartment-syndrome) (polarity support)))
   (finding (name settles-within-minutes-of-stopping) (value yes))
   =>
   (assert (evidence (conclusion acute-compartment-syndrome) (polarity oppose) (strength weak) (rule X-oppose-acs-settles))))

(defrule REVIEW::doubt-rupture-strong-heel-raise
   "X-oppose-rupture-heel-raise | L5 | A clearly normal squeeze test with a single-leg heel raise still possible argues against a complete tendon tear."
   (exists (evidence (conclusion achilles-rupture) (polarity support)))
   (finding (name thompson-positive) (value no))
   (finding (name single-leg-heel-raise-able) (value yes))
   =>
   (assert (evidence (conclusion achilles-rupture) (polarity oppose) (strength weak) (rule X-oppose-rupture-heel-raise))))

(defrule REVIEW::doubt-cecs-rest-pain
   "X-oppose-cecs-rest-pain | L3 | Pain that is also there at rest or at night does not fit a purely exertional compartment problem."
   (exists (evidence (conclusion cecs-suspected) (polarity support)))
   (finding (name night-or-rest-pain) (value yes))
   =>
   (assert (evidence (conclusion cecs-suspected) (polarity oppose) (strength weak) (rule X-oppose-cecs-rest-pain))))

(defrule REVIEW::doubt-cecs-single-injury
   "X-oppose-cecs-injury | L3 | A single remembered moment of injury fits a strain better than an exertional compartment problem."
   (exists (evidence (conclusion cecs-suspected) (polarity support)))
   (finding (name onset) (value sudden))
   (finding (name injury-moment-remembered) (value yes))
   =>
   (assert (evidence (conclusion cecs-suspected) (polarity oppose) (strength weak) (rule X-oppose-cecs-injury))))

;;; ---------------------------------------------------------------- arguing against (tier T)

(defrule REVIEW::doubt-gastrocnemius-gradual
   "X-oppose-gastrocnemius-gradual | S5,L10 | Gastrocnemius tears usually start suddenly, so pain that crept on argues against one."
   (exists (evidence (conclusion gastrocnemius-strain) (polarity support)))
   (finding (name onset) (value gradual))
   =>
   (assert (evidence (conclusion gastrocnemius-strain) (polarity oppose) (strength weak) (rule X-oppose-gastrocnemius-gradual))))

(defrule REVIEW::doubt-gastrocnemius-bent-knee
   "X-oppose-gastrocnemius-bent-knee | L10 | Pain on bent-knee but not straight-knee heel raises points away from the gastrocnemius; the test is unvalidated."
   (exists (evidence (conclusion gastrocnemius-strain) (polarity support)))
   (finding (name bent-knee-heel-raise-pain) (value yes))
   (finding (name straight-knee-heel-raise-pain) (value no))
   =>
   (assert (evidence (conclusion gastrocnemius-strain) (polarity oppose) (strength weak) (rule X-oppose-gastrocnemius-bent-knee))))

(defrule REVIEW::doubt-soleus-sprint-onset
   "X-oppose-soleus-sprint | S5,L10 | A sudden onset in a sprint or jump fits a gastrocnemius tear more than soleus overload."
   (exists (evidence (conclusion soleus-strain-overload) (polarity support)))
   (finding (name onset) (value sudden))
   (finding (name activity-at-onset) (value sprint|jumping|hill-sprints))
   =>
   (assert (evidence (conclusion soleus-strain-overload) (polarity oppose) (strength weak) (rule X-oppose-soleus-sprint))))

(defrule REVIEW::doubt-overuse-sudden-injury
   "X-oppose-overuse-sudden | S4 | A sudden, remembered moment of injury argues against overload without a tear."
   (exists (evidence (conclusion calf-overuse-overload) (polarity support)))
   (finding (name onset) (value sudden))
   (finding (name injury-moment-remembered) (value yes))
   =>
   (assert (evidence (conclusion calf-overuse-overload) (polarity oppose) (strength weak) (rule X-oppose-overuse-sudden))))

;;; ---------------------------------------------------------------- arguing against (tier K)

(defrule REVIEW::doubt-overstride-midfoot
   "X-oppose-overstride-midfoot | S1,L16 | A midfoot landing argues against heel-first overstriding as the driver."
   (exists (evidence (conclusion driver-overstride-heel-strike) (polarity support)))
   (finding (name foot-strike) (value midfoot))
   =>
   (assert (evidence (conclusion driver-overstride-heel-strike) (polarity oppose) (strength weak) (rule X-oppose-overstride-midfoot))))

(defrule REVIEW::doubt-overstride-under-hips
   "X-oppose-overstride-under-hips | S1,L16 | Feet that land under the hips argue against overstriding as the driver."
   (exists (evidence (conclusion driver-overstride-heel-strike) (polarity support)))
   (finding (name heel-strike-ahead-of-com) (value no))
   =>
   (assert (evidence (conclusion driver-overstride-heel-strike) (polarity oppose) (strength weak) (rule X-oppose-overstride-under-hips))))

(defrule REVIEW::doubt-hip-control-level-squat
   "X-oppose-hip-level | S3,L16 | A level, controlled single-leg squat argues against poor hip control as the driver."
   (exists (evidence (conclusion driver-hip-glute-control) (polarity support)))
   (finding (name single-leg-squat-hip-drop) (value none))
   =>
   (assert (evidence (conclusion driver-hip-glute-control) (polarity oppose) (strength weak) (rule X-oppose-hip-level))))

(defrule REVIEW::doubt-calf-capacity-normal
   "X-oppose-capacity-normal | S4,L17 | Heel raises at or above the norm with no side difference argue against a calf capacity deficit."
   (exists (evidence (conclusion driver-calf-capacity) (polarity support)))
   (threshold (name heel-raise-norm-reps) (value ?t))
   (finding (name single-leg-heel-raise-reps) (value ?r&:(>= ?r ?t)))
   (finding (name heel-raise-side-deficit) (value no))
   =>
   (assert (evidence (conclusion driver-calf-capacity) (polarity oppose) (strength weak) (rule X-oppose-capacity-normal))))

(defrule REVIEW::doubt-forefoot-demand-rearfoot
   "X-oppose-forefoot-rearfoot | S5,L15 | A runner who lands on the heel or midfoot is not loading the calf the way toe running does."
   (exists (evidence (conclusion driver-forefoot-toe-running-demand) (polarity support)))
   (finding (name foot-strike) (value heel|midfoot))
   =>
   (assert (evidence (conclusion driver-forefoot-toe-running-demand) (polarity oppose) (strength weak) (rule X-oppose-forefoot-rearfoot))))
