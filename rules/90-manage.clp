;;; 90-manage.clp — MANAGE: recommendations (knowledge/recommendations.tsv)
;;; tied to conclusions. Referrals for red flags are always given; every
;;; management recommendation needs (not (gate)), and every recommendation
;;; listed in knowledge/contraindications.tsv also needs (not (blocked
;;; (recommendation R))): GATE blocks it while a contraindicated conclusion is
;;; supported or a state holds (screen unanswered, course unknown, worsening,
;;; stopped in their tracks, referral pending). Tissue and driver advice
;;; follows a positive belief; referrals follow support votes.

(defmodule MANAGE (import MAIN ?ALL))

;;; ---------------------------------------------------------------- referrals (never gated)

;;; One row of knowledge/referrals.tsv per red flag or referral: the
;;; referral is given as soon as any rule supports the conclusion.

(defrule MANAGE::refer-supported-conclusion
   "X-refer | L1,L2,L3,L4,L5,L6,L7,L8,L9,L19,L22,L23,L24,S4 | A supported red flag or referral gets the referral its row of the referral table names, whatever else stands; the row cites its own sources."
   (referral (conclusion ?c) (recommendation ?r))
   (exists (evidence (conclusion ?c) (polarity support)))
   =>
   (assert (recommendation (id ?r) (for ?c))))

(defrule MANAGE::hold-treatment
   "R58 | S4,L1,L4,L5 | While the gate is closed, say plainly that no massage, rolling, stretching, loading or gait work is done until medical clearance."
   (gate (state management-suppressed) (because ?c))
   =>
   (assert (recommendation (id hold-treatment) (for ?c))))

(defrule MANAGE::complete-differential-screen
   "X-differential-screen | S4,L3,L6,L7,L9 | Ask the exertional, vascular, bone and nerve questions before any muscle explanation is accepted; with a red flag standing the referral comes first."
   (exists (evidence (conclusion run-differential-screen) (polarity support)))
   (not (gate))
   =>
   (assert (recommendation (id complete-differential-screen) (for run-differential-screen))))

;;; ---------------------------------------------------------------- girth re-measure
;;; A girth difference under the R04 cut-off (strain-swelling-cm) is within
;;; tape error: it is measured again, not read as a clot sign.

(defrule MANAGE::remeasure-small-girth-difference
   "X-remeasure-girth | L1,L2 | A calf girth difference above zero but under the cut-off beside a strain is within tape error, so it is measured again with a safety net."
   (evidence (conclusion ?c&gastrocnemius-strain|soleus-strain-overload) (polarity support))
   (threshold (name strain-swelling-cm) (value ?t))
   (finding (name calf-swelling-diff) (value ?v&:(> ?v 0)&:(< ?v ?t)))
   =>
   (assert (recommendation (id remeasure-calf-girth) (for ?c))))

;;; ---------------------------------------------------------------- MTSS

(defrule MANAGE::manage-mtss
   "X-manage-mtss | L8,L9 | Shin splints are managed by adjusting load and building capacity, re-checking for focal bone signs."
   (belief (conclusion mtss) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   =>
   (assert (recommendation (id manage-mtss) (for mtss))))

;;; ---------------------------------------------------------------- calf strain phases

(defrule MANAGE::start-first-aid-gastrocnemius
   "R59 | S5,L13 | In the first days of a gastrocnemius strain with no red flag: protect it with relative rest, compression and elevation."
   (belief (conclusion gastrocnemius-strain) (cf ?x&:(> ?x 0.0)))
   (threshold (name first-aid-days) (value ?t))
   (finding (name symptom-duration) (value ?d&:(<= ?d ?t)))
   (not (and (condition (id ?a) (red-flag yes))
             (evidence (conclusion ?a) (polarity support))))
   (not (gate))
   (not (blocked (recommendation first-aid-protect)))
   =>
   (assert (recommendation (id first-aid-protect) (for gastrocnemius-strain)))
   (assert (recommendation (id first-aid-ice) (for gastrocnemius-strain))))

(defrule MANAGE::start-first-aid-soleus
   "R59 | S5,L13 | In the first days of a soleus strain with no red flag: protect it with relative rest, compression and elevation."
   (belief (conclusion soleus-strain-overload) (cf ?x&:(> ?x 0.0)))
   (threshold (name first-aid-days) (value ?t))
   (finding (name symptom-duration) (value ?d&:(<= ?d ?t)))
   (not (and (condition (id ?a) (red-flag yes))
             (evidence (conclusion ?a) (polarity support))))
   (not (gate))
   (not (blocked (recommendation first-aid-protect)))
   =>
   (assert (recommendation (id first-aid-protect) (for soleus-strain-overload)))
   (assert (recommendation (id first-aid-ice) (for soleus-strain-overload))))

(defrule MANAGE::progress-gastrocnemius-strain
   "R60 | S5,S4 | A gastrocnemius strain that is improving, with walking comfortable, moves on to progressive loading."
   (belief (conclusion gastrocnemius-strain) (cf ?x&:(> ?x 0.0)))
   (finding (name symptom-trend) (value improving))
   (finding (name pain-on-walking) (value no))
   (not (gate))
   (not (blocked (recommendation load-calf-progressive)))
   =>
   (assert (recommendation (id load-calf-progressive) (for gastrocnemius-strain))))

(defrule MANAGE::restore-range-gastrocnemius-strain
   "R60 | S5 | A gastrocnemius strain that is improving, with walking comfortable, first gets its range of motion back."
   (belief (conclusion gastrocnemius-strain) (cf ?x&:(> ?x 0.0)))
   (finding (name symptom-trend) (value improving))
   (finding (name pain-on-walking) (value no))
   (not (gate))
   (not (blocked (recommendation restore-range)))
   =>
   (assert (recommendation (id restore-range) (for gastrocnemius-strain))))

(defrule MANAGE::progress-soleus-strain
   "R60 | S5,S4 | A soleus strain that is improving, with walking comfortable, moves on to progressive loading."
   (belief (conclusion soleus-strain-overload) (cf ?x&:(> ?x 0.0)))
   (finding (name symptom-trend) (value improving))
   (finding (name pain-on-walking) (value no))
   (not (gate))
   (not (blocked (recommendation load-calf-progressive)))
   =>
   (assert (recommendation (id load-calf-progressive) (for soleus-strain-overload))))

(defrule MANAGE::restore-range-soleus-strain
   "R60 | S5 | A soleus strain that is improving, with walking comfortable, first gets its range of motion back."
   (belief (conclusion soleus-strain-overload) (cf ?x&:(> ?x 0.0)))
   (finding (name symptom-trend) (value improving))
   (finding (name pain-on-walking) (value no))
   (not (gate))
   (not (blocked (recommendation restore-range)))
   =>
   (assert (recommendation (id restore-range) (for soleus-strain-overload))))

(defrule MANAGE::plan-gastrocnemius-progression
   "X-plan-progression | S5,S4 | Until a gastrocnemius strain is improving and walking is comfortable, set out the next steps: range first, then load."
   (belief (conclusion gastrocnemius-strain) (cf ?x&:(> ?x 0.0)))
   (not (and (finding (name symptom-trend) (value improving))
             (finding (name pain-on-walking) (value no))))
   (not (gate))
   =>
   (assert (recommendation (id progress-when-settled) (for gastrocnemius-strain))))

(defrule MANAGE::plan-soleus-progression
   "X-plan-progression | S5,S4 | Until a soleus strain is improving and walking is comfortable, set out the next steps: range first, then load."
   (belief (conclusion soleus-strain-overload) (cf ?x&:(> ?x 0.0)))
   (not (and (finding (name symptom-trend) (value improving))
             (finding (name pain-on-walking) (value no))))
   (not (gate))
   =>
   (assert (recommendation (id progress-when-settled) (for soleus-strain-overload))))

(defrule MANAGE::load-overloaded-calf
   "X-manage-calf-load | S5,S4,S2,L10 | An overloaded calf recovers through progressive heel raises and drops that build strength and endurance."
   (belief (conclusion calf-overuse-overload) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (blocked (recommendation load-calf-progressive)))
   =>
   (assert (recommendation (id load-calf-progressive) (for calf-overuse-overload))))

(defrule MANAGE::load-low-capacity-calf
   "X-manage-calf-load | S4,S2,L10 | A calf short of capacity is rebuilt with progressive heel raises and drops, bent-knee versions for the soleus."
   (belief (conclusion driver-calf-capacity) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (blocked (recommendation load-calf-progressive)))
   =>
   (assert (recommendation (id load-calf-progressive) (for driver-calf-capacity))))

;;; ---------------------------------------------------------------- every strain: healing time, return plan, no running through it

(defrule MANAGE::respect-strain-healing-gastrocnemius
   "X-manage-healing | S4 | Any calf strain needs enough healing time and a gradual build back to its old level; too little of either is why strains fail to heal."
   (belief (conclusion gastrocnemius-strain) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   =>
   (assert (recommendation (id respect-healing-time) (for gastrocnemius-strain))))

(defrule MANAGE::respect-strain-healing-soleus
   "X-manage-healing | S4 | Any calf strain needs enough healing time and a gradual build back to its old level; too little of either is why strains fail to heal."
   (belief (conclusion soleus-strain-overload) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   =>
   (assert (recommendation (id respect-healing-time) (for soleus-strain-overload))))

(defrule MANAGE::respect-strain-healing-mtj
   "X-manage-healing | S4 | Any calf strain needs enough healing time and a gradual build back to its old level; too little of either is why strains fail to heal."
   (belief (conclusion mtj-strain) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   =>
   (assert (recommendation (id respect-healing-time) (for mtj-strain))))

(defrule MANAGE::plan-return-to-running-gastrocnemius
   "X-manage-return-plan | S5,S4,S2 | Every calf strain gets a return-to-running plan: cross-train, rebuild strength, then reintroduce running in small steps judged day by day."
   (belief (conclusion gastrocnemius-strain) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (evidence (conclusion tibial-bone-stress-injury) (polarity support))) ; imaging first
   (not (blocked (recommendation return-to-run-plan)))
   =>
   (assert (recommendation (id return-to-run-plan) (for gastrocnemius-strain))))

(defrule MANAGE::plan-return-to-running-soleus
   "X-manage-return-plan | S5,S4,S2 | Every calf strain gets a return-to-running plan: cross-train, rebuild strength, then reintroduce running in small steps judged day by day."
   (belief (conclusion soleus-strain-overload) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (evidence (conclusion tibial-bone-stress-injury) (polarity support))) ; imaging first
   (not (blocked (recommendation return-to-run-plan)))
   =>
   (assert (recommendation (id return-to-run-plan) (for soleus-strain-overload))))

(defrule MANAGE::warn-loosening-is-not-healing-gastrocnemius
   "X-manage-loosens-up | S5 | A strained calf that stopped the run may ease as it warms or on the walk home; that is no reason to carry on."
   (belief (conclusion gastrocnemius-strain) (cf ?x&:(> ?x 0.0)))
   (finding (name stopped-in-tracks) (value yes))
   (not (gate))
   =>
   (assert (recommendation (id do-not-run-through-easing) (for gastrocnemius-strain))))

(defrule MANAGE::warn-loosening-is-not-healing-soleus
   "X-manage-loosens-up | S5 | A strained calf that stopped the run may ease as it warms or on the walk home; that is no reason to carry on."
   (belief (conclusion soleus-strain-overload) (cf ?x&:(> ?x 0.0)))
   (finding (name stopped-in-tracks) (value yes))
   (not (gate))
   =>
   (assert (recommendation (id do-not-run-through-easing) (for soleus-strain-overload))))

(defrule MANAGE::pace-rehab-by-grade-gastrocnemius
   "X-manage-grade | S5 | How soon movement returns after a strain depends on its grade, so a moderate or severe strain is given longer before range and loading work."
   (belief (conclusion gastrocnemius-strain) (cf ?x&:(> ?x 0.0)))
   (finding (name strain-grade) (value grade-2|grade-3))
   (not (gate))
   =>
   (assert (recommendation (id pace-by-grade) (for gastrocnemius-strain))))

(defrule MANAGE::pace-rehab-by-grade-soleus
   "X-manage-grade | S5 | How soon movement returns after a strain depends on its grade, so a moderate or severe strain is given longer before range and loading work."
   (belief (conclusion soleus-strain-overload) (cf ?x&:(> ?x 0.0)))
   (finding (name strain-grade) (value grade-2|grade-3))
   (not (gate))
   =>
   (assert (recommendation (id pace-by-grade) (for soleus-strain-overload))))

(defrule MANAGE::retest-capacity-when-pain-free
   "X-manage-retest-capacity | S4,L13 | A heel-raise deficit measured in the first weeks of a strain is partly pain holding the muscle back, so measure it again once pain-free."
   (exists (evidence (conclusion driver-calf-capacity) (polarity support) (strength weak) (rule R39)))
   (not (gate))
   =>
   (assert (recommendation (id retest-capacity-pain-free) (for driver-calf-capacity))))

;;; ---------------------------------------------------------------- drivers

(defrule MANAGE::retrain-overstride
   "X-manage-gait | S1,S2,L14 | Overstriding is retrained with cues to land nearer the hips, a slightly higher step rate and drills inside existing sessions."
   (belief (conclusion driver-overstride-heel-strike) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (blocked (recommendation retrain-gait-landing)))
   (not (blocked (recommendation raise-cadence)))
   =>
   (assert (recommendation (id retrain-gait-landing) (for driver-overstride-heel-strike)))
   (assert (recommendation (id raise-cadence) (for driver-overstride-heel-strike))))

(defrule MANAGE::warn-against-forefoot-switch
   "X-manage-no-forefoot | L15,L18 | Changing to forefoot landing is not the default fix for overstriding, because it puts more load on the calf and Achilles."
   (belief (conclusion driver-overstride-heel-strike) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   =>
   (assert (recommendation (id avoid-forefoot-switch) (for driver-overstride-heel-strike))))

(defrule MANAGE::analyse-gait-on-video
   "X-manage-video | S1,S2 | When the running pattern is the likely driver, film the runner to see it."
   (exists (evidence (conclusion gait-analysis-advised) (polarity support)))
   (not (gate))
   =>
   (assert (recommendation (id video-gait-analysis) (for gait-analysis-advised))))

(defrule MANAGE::strengthen-hip-control
   "X-manage-hip | S3,S2,S4 | Poor hip control is treated with glute activation, then hip and knee strengthening."
   (belief (conclusion driver-hip-glute-control) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   =>
   (assert (recommendation (id strengthen-hip-glute) (for driver-hip-glute-control))))

(defrule MANAGE::offer-hip-release-retest
   "X-manage-hip-release | S3 | Hip releases with a step-up retest are an optional extra for poor hip control, once the screen is clear."
   (belief (conclusion driver-hip-glute-control) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (blocked (recommendation release-and-retest)))
   =>
   (assert (recommendation (id release-and-retest) (for driver-hip-glute-control))))

(defrule MANAGE::keep-running-with-hip-driver
   "X-manage-stop-if-sore | S3 | With a hip driver and no reason to stop, running can continue as long as it stops when the calf gets sore."
   (belief (conclusion driver-hip-glute-control) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (blocked (recommendation run-stop-if-sore)))
   =>
   (assert (recommendation (id run-stop-if-sore) (for driver-hip-glute-control))))

(defrule MANAGE::strengthen-weak-foot
   "X-manage-foot | S2,S4 | A weak foot is treated with toe-flexor and small foot muscle strengthening and midfoot endurance work."
   (belief (conclusion driver-weak-foot) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   =>
   (assert (recommendation (id strengthen-foot) (for driver-weak-foot))))

(defrule MANAGE::train-knee-landing
   "X-manage-knee | S4 | Poor shock absorption at the knee is treated with quad strength and landing control."
   (belief (conclusion driver-knee-quad-absorption) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   =>
   (assert (recommendation (id train-knee-landing) (for driver-knee-quad-absorption))))

(defrule MANAGE::strengthen-posterior-chain
   "X-manage-posterior-chain | S4,S2 | An underused posterior chain is treated with hamstring and glute strengthening so they share the load."
   (belief (conclusion driver-posterior-chain-underuse) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   =>
   (assert (recommendation (id strengthen-posterior-chain) (for driver-posterior-chain-underuse))))

(defrule MANAGE::mobilise-stiff-ankle
   "X-manage-ankle-range | S4 | A stiff ankle is treated with dorsiflexion mobility work."
   (belief (conclusion driver-ankle-stiffness) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   =>
   (assert (recommendation (id mobilise-ankle) (for driver-ankle-stiffness))))

(defrule MANAGE::manage-training-load
   "X-manage-load | S2,S4,S5 | A load error is fixed by adjusting distance, time, pace and terrain so running can continue where possible."
   (belief (conclusion driver-training-load-error) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (blocked (recommendation modify-load-keep-running)))
   =>
   (assert (recommendation (id modify-load-keep-running) (for driver-training-load-error))))

(defrule MANAGE::grade-return-after-load-error
   "X-manage-graded-return | S2,S4,S3,L12 | After a load error, build back to the old level in graded steps rather than trusting a fixed weekly percentage."
   (belief (conclusion driver-training-load-error) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (blocked (recommendation graded-return)))
   =>
   (assert (recommendation (id graded-return) (for driver-training-load-error))))

(defrule MANAGE::manage-premature-return
   "X-manage-load | S2,S4,S5 | After a too-quick return, adjust the load so running can continue where possible instead of resting fully again."
   (belief (conclusion driver-premature-return) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (blocked (recommendation modify-load-keep-running)))
   =>
   (assert (recommendation (id modify-load-keep-running) (for driver-premature-return))))

(defrule MANAGE::grade-return-after-relapse
   "X-manage-graded-return | S2,S4,S5 | After a too-quick return, rebuild in graded steps instead of rest followed by full training."
   (belief (conclusion driver-premature-return) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (blocked (recommendation graded-return)))
   =>
   (assert (recommendation (id graded-return) (for driver-premature-return))))

(defrule MANAGE::reduce-forefoot-running
   "X-manage-forefoot | S5,L15 | Heavy forefoot or toe running is cut back or changed gradually, with calf capacity work alongside."
   (belief (conclusion driver-forefoot-toe-running-demand) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (blocked (recommendation reduce-forefoot-volume)))
   =>
   (assert (recommendation (id reduce-forefoot-volume) (for driver-forefoot-toe-running-demand))))

(defrule MANAGE::mobilise-nerve
   "X-manage-neural | S2,L7 | A nerve that slides poorly is treated with neural mobility exercises, looking at the spine as a source."
   (belief (conclusion driver-neural-mobility) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (blocked (recommendation neural-mobility)))
   =>
   (assert (recommendation (id neural-mobility) (for driver-neural-mobility))))

(defrule MANAGE::strengthen-trunk
   "X-manage-trunk | S4 | A trunk weak link is treated with core strength and control of rotation and arm swing."
   (belief (conclusion driver-trunk-upper-body) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   =>
   (assert (recommendation (id strengthen-trunk) (for driver-trunk-upper-body))))

(defrule MANAGE::train-ankle-spring
   "X-manage-reactive | S4 | An unstable or springless ankle is treated with balance work and graded hopping and bounding."
   (belief (conclusion driver-ankle-stability-reactive-strength) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   (not (blocked (recommendation train-ankle-reactive)))
   =>
   (assert (recommendation (id train-ankle-reactive) (for driver-ankle-stability-reactive-strength))))

(defrule MANAGE::search-whole-chain
   "X-manage-whole-chain | S4,S2 | When pain has outlasted rest, assess every link from foot to trunk instead of treating the calf alone."
   (exists (evidence (conclusion whole-chain-search-advised) (polarity support)))
   (not (gate))
   =>
   (assert (recommendation (id assess-whole-chain) (for whole-chain-search-advised))))

;;; ---------------------------------------------------------------- whole-programme advice (S2 pillars, S4 order, S1 goal, S3 loop)

(defrule MANAGE::build-calf-capacity-by-default
   "X-manage-calf-pillar | S2,S4 | With no red flag standing, calf capacity work is part of every plan, whichever link in the chain is treated first."
   (belief (conclusion ?k) (cf ?x&:(> ?x 0.0)))
   (condition (id ?k&~driver-calf-capacity) (tier K))
   (not (and (condition (id ?a) (red-flag yes))
             (evidence (conclusion ?a) (polarity support))))
   (not (gate))
   (not (blocked (recommendation load-calf-progressive)))
   =>
   (assert (recommendation (id load-calf-progressive) (for ?k))))

(defrule MANAGE::treat-measured-biggest-deficit-first
   "X-manage-biggest-deficit | S4 | With several weak links, start with the one the clinician measured as the biggest deficit."
   (finding (name largest-deficit-link) (value ?k))
   (belief (conclusion ?k) (cf ?x&:(> ?x 0.0)))
   (exists (and (condition (id ?o&~?k) (tier K))
                (belief (conclusion ?o) (cf ?y&:(> ?y 0.0)))))
   (not (gate))
   =>
   (assert (recommendation (id biggest-deficit-first) (for ?k))))

(defrule MANAGE::treat-biggest-deficit-first
   "X-manage-biggest-deficit | S4 | With several weak links, start with the biggest deficit; until the deficits are measured and the largest recorded, the driver with the highest certainty is named first."
   (not (finding (name largest-deficit-link)))
   (belief (conclusion ?k) (cf ?x&:(> ?x 0.0)))
   (condition (id ?k) (tier K))
   (exists (and (condition (id ?o&~?k) (tier K))
                (belief (conclusion ?o) (cf ?y&:(> ?y 0.0)))))
   (not (and (condition (id ?h&~?k) (tier K))
             (belief (conclusion ?h) (cf ?z&:(> ?z ?x)))))
   (not (gate))
   =>
   (assert (recommendation (id biggest-deficit-first) (for ?k))))

(defrule MANAGE::pause-running-when-stopped
   "X-manage-pause-running | S2,S5 | When keep-running advice is withheld (the calf stopped the run, the S4 screen or the course is not answered), say so positively: pause running and rehabilitate, rather than saying nothing."
   (belief (conclusion ?c) (cf ?x&:(> ?x 0.0)))
   (condition (id ?c) (tier T|K))
   (exists (blocked (recommendation run-stop-if-sore|modify-load-keep-running)
                    (because stopped|s4-unanswered|trend-unknown)))
   (not (state (name referral-pending)))   ; a referral's own safety net says stop
   (not (gate))
   =>
   (assert (recommendation (id pause-running-rehab) (for ?c))))

(defrule MANAGE::stage-return-to-goal-distance
   "X-manage-goal-distance | S1 | With a goal distance recorded, the return builds towards it in stages once the driver work is under way."
   (finding (name goal-distance-km) (value ?g&:(> ?g 0)))
   (belief (conclusion ?k) (cf ?x&:(> ?x 0.0)))
   (condition (id ?k) (tier K))
   (not (evidence (conclusion tibial-bone-stress-injury) (polarity support))) ; imaging first
   (not (gate))
   (not (blocked (recommendation staged-return-to-goal)))
   =>
   (assert (recommendation (id staged-return-to-goal) (for ?k))))

(defrule MANAGE::ask-step-up-provocation
   "X-ask-step-up | S3 | With a hip or knee driver suspected, find a movement that brings the pain on, such as a step-up, so each treatment can be re-tested against it."
   (belief (conclusion ?k&driver-hip-glute-control|driver-knee-quad-absorption|driver-posterior-chain-underuse) (cf ?x&:(> ?x 0.0)))
   (not (finding (name step-up-provokes-pain)))
   (not (gate))
   =>
   (assert (advice (finding step-up-provokes-pain) (because ?k))))

(defrule MANAGE::loop-provoke-treat-retest
   "X-manage-retest-loop | S3 | A step-up that brings the pain on is the test to repeat after each treatment, keeping what changes it and dropping what does not."
   (finding (name step-up-provokes-pain) (value yes))
   (belief (conclusion ?k&driver-hip-glute-control|driver-knee-quad-absorption|driver-posterior-chain-underuse) (cf ?x&:(> ?x 0.0)))
   (not (gate))
   =>
   (assert (recommendation (id provoke-treat-retest) (for ?k))))

;;; ---------------------------------------------------------------- safety net and review

(defrule MANAGE::give-safety-net
   "X-safety-net | S4,L9,L23 | Without a red flag, tell the runner which changes mean coming back at once."
   (not (and (condition (id ?a) (red-flag yes))
             (evidence (conclusion ?a) (polarity support))))
   (not (finding (name night-or-rest-pain) (value yes)))
   =>
   (assert (evidence (conclusion safety-net-advised) (polarity support) (strength weak) (rule X-safety-net)))
   (assert (recommendation (id safety-net) (for safety-net-advised))))

(defrule MANAGE::name-new-signs-beside-night-pain
   "X-safety-net | S4,L9,L23 | Without a red flag but with night or rest pain already reported, the safety net names what would be new rather than what the runner already has."
   (not (and (condition (id ?a) (red-flag yes))
             (evidence (conclusion ?a) (polarity support))))
   (finding (name night-or-rest-pain) (value yes))
   =>
   (assert (evidence (conclusion safety-net-advised) (polarity support) (strength weak) (rule X-safety-net)))
   (assert (recommendation (id waiting-safety-net) (for safety-net-advised))))

(defrule MANAGE::warn-while-waiting
   "X-waiting-safety-net | S4,L4,L9,L22,L23 | A runner waiting for a same-day or non-urgent referral is told which changes mean seeking care at once; only an emergency has no waiting time."
   (condition (id ?a) (red-flag yes) (urgency ~emergency))
   (exists (evidence (conclusion ?a) (polarity support)))
   (not (and (condition (id ?e) (urgency emergency))
             (evidence (conclusion ?e) (polarity support))))
   =>
   (assert (recommendation (id waiting-safety-net) (for ?a))))

(defrule MANAGE::warn-clot-to-lung
   "X-clot-safety-net | L25 | With a possible clot, sudden breathlessness or chest pain means calling emergency services."
   (exists (evidence (conclusion possible-dvt) (polarity support)))
   =>
   (assert (recommendation (id clot-safety-net) (for possible-dvt))))

(defrule MANAGE::warn-cauda-equina
   "X-cauda-equina-safety-net | L24,L19 | Anyone with nerve root symptoms is told which saddle, bladder, bowel or two-leg changes mean going to an emergency department."
   (exists (evidence (conclusion s1-radiculopathy) (polarity support)))
   (not (evidence (conclusion cauda-equina) (polarity support)))
   =>
   (assert (recommendation (id cauda-equina-safety-net) (for s1-radiculopathy))))

(defrule MANAGE::advise-clinical-review
   "R61 | S5 | When no tissue or driver conclusion reaches moderate certainty and no red flag stands, advise a clinical review rather than guess."
   (strength-cf (strength moderate) (cf ?m))
   (not (and (condition (id ?c) (tier T|K))
             (belief (conclusion ?c) (cf ?x&:(>= ?x ?m)))))
   (not (and (condition (id ?a) (red-flag yes))
             (evidence (conclusion ?a) (polarity support))))
   =>
   (assert (evidence (conclusion clinical-review-advised) (polarity support) (strength weak) (rule R61)))
   (assert (recommendation (id clinical-review) (for clinical-review-advised))))

;;; ---------------------------------------------------------------- control

(defrule MANAGE::fold-late-evidence
   "X-late-belief | - | Votes cast here (safety net, clinical review) come after BELIEF ran, so hand them back to BELIEF once the other advice is done."
   (declare (salience -10))
   (evidence (conclusion ?c) (polarity support))
   (not (belief (conclusion ?c)))
   =>
   (focus BELIEF))
