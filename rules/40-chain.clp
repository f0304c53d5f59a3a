;;; 40-chain.clp — CHAIN: kinetic-chain drivers that explain why the calf is
;;; overloaded: landing (K1), hip and glute control (K2), foot (K3), knee and
;;; quads (K4), posterior chain (K5), ankle range (K6), calf capacity (K7),
;;; forefoot demand (K9), trunk (K12), ankle stability (K13), and the advice
;;; to slump-test a possible nerve source (R50). Training-load drivers are in
;;; 50-load.clp.

(defmodule CHAIN (import MAIN ?ALL))

;;; ---------------------------------------------------------------- K1 overstride / heel strike

(defrule CHAIN::suspect-overstride-heel-strike
   "R28 | S1,S4,L16 | Landing on the heel well ahead of the hips brakes every stride and the calves pay for it."
   (finding (name foot-strike) (value heel))
   (finding (name heel-strike-ahead-of-com) (value yes))
   =>
   (assert (evidence (conclusion driver-overstride-heel-strike) (polarity support) (strength moderate) (rule R28) (basis heel-strike-ahead-of-com s1-heavy-heel-strike))))

(defrule CHAIN::suspect-overstride-heavy-landing
   "R30 | S4,S1 | A loud, heavy landing adds impact the calf has to absorb; in S1 it is the same heavy heel strike R28 counts, so it is not counted twice."
   (finding (name heavy-landing) (value yes))
   =>
   (assert (evidence (conclusion driver-overstride-heel-strike) (polarity support) (strength weak) (rule R30) (basis heavy-landing s1-heavy-heel-strike))))

;;; ---------------------------------------------------------------- K2 hip and glute control

(defrule CHAIN::suspect-hip-glute-control
   "R31 | S3,S4,L16 | A hip that drops or shifts on a single-leg squat on the painful side, with glutes slow to fire, leaves that calf to make up the difference."
   (finding (name single-leg-squat-hip-drop) (value mild|marked))
   (finding (name glute-activation-poor) (value yes))
   (not (finding (name hip-drop-on-painful-side) (value no)))
   =>
   (assert (evidence (conclusion driver-hip-glute-control) (polarity support) (strength moderate) (rule R31) (basis single-leg-squat-hip-drop glute-activation-poor))))

(defrule CHAIN::suspect-hip-glute-control-other-side
   "R31 | S4 | Hip control that fails only on the other side still matters to one clinic, which checks stability on both sides, but S3's link was on the painful side, so weak."
   (finding (name single-leg-squat-hip-drop) (value mild|marked))
   (finding (name glute-activation-poor) (value yes))
   (finding (name hip-drop-on-painful-side) (value no))
   =>
   (assert (evidence (conclusion driver-hip-glute-control) (polarity support) (strength weak) (rule R31) (basis single-leg-squat-hip-drop glute-activation-poor))))

(defrule CHAIN::suspect-hip-flexor-overwork
   "R32 | S3 | An overworking hip flexor with the painful side clearly stiffer hints at poor hip control; a single case only."
   (finding (name hip-flexor-overactive-tight) (value yes))
   (finding (name flexibility-asymmetry-symptomatic-side) (value yes))
   =>
   (assert (evidence (conclusion driver-hip-glute-control) (polarity support) (strength weak) (rule R32))))

(defrule CHAIN::credit-proximal-treatment-relief
   "R51 | S3 | Pain that eases at once after hip treatment on a provoking test suggests the hip is part of the problem; reasoning from treatment response is weak."
   (finding (name immediate-relief-after-proximal-treatment) (value yes))
   =>
   (assert (evidence (conclusion driver-hip-glute-control) (polarity support) (strength weak) (rule R51))))

(defrule CHAIN::suspect-hip-knee-weakness
   "R53 | S2 | General hip and knee weakness leaves more of the running load to the calf; counted towards hip control."
   (finding (name hip-knee-strength-deficit) (value yes))
   =>
   (assert (evidence (conclusion driver-hip-glute-control) (polarity support) (strength weak) (rule R53))))

;;; ---------------------------------------------------------------- K3 foot

(defrule CHAIN::suspect-foot-turning-in
   "R33 | S3,S4 | A foot that turns in during stance added to the calf pain in S3, which says nothing of foot strength, so it is no vote for a weak foot: test foot strength instead."
   (finding (name foot-turning-in) (value yes))
   (not (finding (name intrinsic-foot-strength-deficit)))
   =>
   (assert (advice (finding intrinsic-foot-strength-deficit) (because driver-weak-foot))))

(defrule CHAIN::suspect-weak-foot-intrinsics
   "R34 | S4,S2 | Weak small foot muscles and toe flexors hand load up to the calf."
   (finding (name intrinsic-foot-strength-deficit) (value yes))
   =>
   (assert (evidence (conclusion driver-weak-foot) (polarity support) (strength moderate) (rule R34))))

(defrule CHAIN::suspect-weak-foot-midfoot
   "R34 | S4 | A midfoot that tires in stance hands load up to the calf."
   (finding (name midfoot-stance-endurance-deficit) (value yes))
   =>
   (assert (evidence (conclusion driver-weak-foot) (polarity support) (strength moderate) (rule R34))))

(defrule CHAIN::weigh-abnormal-foot-posture
   "R35 | S4 | A pronated or supinated foot adds a little weight to a foot driver that other foot findings already support; on its own it is common and says little."
   (finding (name foot-posture) (value pronated|supinated))
   (exists (evidence (conclusion driver-weak-foot) (polarity support)))
   =>
   (assert (evidence (conclusion driver-weak-foot) (polarity support) (strength weak) (rule R35))))

;;; ---------------------------------------------------------------- K4 knee and quads

(defrule CHAIN::suspect-knee-absorption-quads
   "R36 | S4 | Deep knee bend and a lot of ankle bend on landing with weak quads pushes shock absorption down to the calf."
   (finding (name knee-flexion-at-landing-excessive) (value yes))
   (finding (name quad-strength-deficit) (value yes))
   (finding (name stance-ankle-dorsiflexion-excessive) (value yes))
   =>
   (assert (evidence (conclusion driver-knee-quad-absorption) (polarity support) (strength moderate) (rule R36))))

(defrule CHAIN::suspect-knee-absorption-knee-travel
   "R36 | S4 | Deep knee bend with the knee far past the toes and a lot of ankle bend pushes shock absorption down to the calf, though some runners move like this without trouble."
   (finding (name knee-flexion-at-landing-excessive) (value yes))
   (finding (name knee-over-toes-excessive) (value yes))
   (finding (name stance-ankle-dorsiflexion-excessive) (value yes))
   =>
   (assert (evidence (conclusion driver-knee-quad-absorption) (polarity support) (strength moderate) (rule R36))))

;;; ---------------------------------------------------------------- K5 posterior chain

(defrule CHAIN::suspect-posterior-chain-hamstrings
   "R37 | S4 | When the quads do the work and the hamstrings are weak, the calf takes load the back of the thigh should share."
   (finding (name quad-dominant-pattern) (value yes))
   (finding (name hamstring-weakness) (value yes))
   =>
   (assert (evidence (conclusion driver-posterior-chain-underuse) (polarity support) (strength weak) (rule R37))))

(defrule CHAIN::suspect-posterior-chain-glutes
   "R37 | S4 | When the quads do the work and the glutes are slow to fire, the calf takes load the hip should share."
   (finding (name quad-dominant-pattern) (value yes))
   (finding (name glute-activation-poor) (value yes))
   =>
   (assert (evidence (conclusion driver-posterior-chain-underuse) (polarity support) (strength weak) (rule R37))))

(defrule CHAIN::suspect-posterior-chain-cocontraction
   "R37 | S4 | When the quads dominate and quads and hamstrings do not work together, the calf takes extra load."
   (finding (name quad-dominant-pattern) (value yes))
   (finding (name quad-hamstring-cocontraction-poor) (value yes))
   =>
   (assert (evidence (conclusion driver-posterior-chain-underuse) (polarity support) (strength weak) (rule R37))))

;;; ---------------------------------------------------------------- K6 ankle range

(defrule CHAIN::suspect-ankle-stiffness
   "R38 | S4 | A stiff ankle that will not bend up far enough makes the calf work at a disadvantage."
   (finding (name ankle-df-range) (value reduced))
   =>
   (assert (evidence (conclusion driver-ankle-stiffness) (polarity support) (strength weak) (rule R38))))

;;; ---------------------------------------------------------------- K7 calf capacity

(defrule CHAIN::suspect-calf-capacity-side-deficit
   "R39 | S4,S2,L17 | Clearly fewer heel raises on the painful side, outside the first weeks of a strain, shows a calf short of strength and endurance."
   (finding (name heel-raise-side-deficit) (value yes))
   (threshold (name acute-strain-days) (value ?t))
   (not (and (condition (id ?s) (tier T))
             (evidence (conclusion ?s&~calf-overuse-overload) (polarity support))
             (not (finding (name symptom-duration) (value ?d&:(> ?d ?t))))))
   =>
   (assert (evidence (conclusion driver-calf-capacity) (polarity support) (strength moderate) (rule R39) (basis calf-capacity-test heel-raise-side-deficit))))

(defrule CHAIN::suspect-calf-capacity-computed-deficit
   "R39 | S4,S2,L17 | Heel raises on the painful side clearly below the other side's count, outside the first weeks of a strain, show a calf short of strength and endurance."
   (threshold (name heel-raise-deficit-pct) (value ?p))
   (finding (name heel-raise-reps-other-side) (value ?o&:(> ?o 0)))
   (finding (name single-leg-heel-raise-reps) (value ?r))
   (test (< (* 100 ?r) (* ?o (- 100 ?p))))
   (threshold (name acute-strain-days) (value ?t))
   (not (and (condition (id ?s) (tier T))
             (evidence (conclusion ?s&~calf-overuse-overload) (polarity support))
             (not (finding (name symptom-duration) (value ?d&:(> ?d ?t))))))
   =>
   (assert (evidence (conclusion driver-calf-capacity) (polarity support) (strength moderate) (rule R39) (basis calf-capacity-test heel-raise-side-deficit single-leg-heel-raise-reps))))

(defrule CHAIN::weigh-side-deficit-in-acute-strain
   "R39 | S4,L13 | In the first weeks of a strain, pain holds the muscle back, so fewer heel raises on the painful side say little about capacity yet: weak, and re-tested once pain-free."
   (finding (name heel-raise-side-deficit) (value yes))
   (condition (id ?s) (tier T))
   (evidence (conclusion ?s&~calf-overuse-overload) (polarity support))
   (threshold (name acute-strain-days) (value ?t))
   (not (finding (name symptom-duration) (value ?d&:(> ?d ?t))))
   =>
   (assert (evidence (conclusion driver-calf-capacity) (polarity support) (strength weak) (rule R39) (basis calf-capacity-test heel-raise-side-deficit))))

(defrule CHAIN::weigh-computed-deficit-in-acute-strain
   "R39 | S4,L13 | In the first weeks of a strain, a painful side clearly below the other side's heel-raise count says little about capacity yet: weak, and re-tested once pain-free."
   (threshold (name heel-raise-deficit-pct) (value ?p))
   (finding (name heel-raise-reps-other-side) (value ?o&:(> ?o 0)))
   (finding (name single-leg-heel-raise-reps) (value ?r))
   (test (< (* 100 ?r) (* ?o (- 100 ?p))))
   (condition (id ?s) (tier T))
   (evidence (conclusion ?s&~calf-overuse-overload) (polarity support))
   (threshold (name acute-strain-days) (value ?t))
   (not (finding (name symptom-duration) (value ?d&:(> ?d ?t))))
   =>
   (assert (evidence (conclusion driver-calf-capacity) (polarity support) (strength weak) (rule R39) (basis calf-capacity-test heel-raise-side-deficit single-leg-heel-raise-reps))))

(defrule CHAIN::suspect-calf-capacity-low-reps
   "R39 | S4,L17 | Single-leg heel raises clearly under the usual norm, outside the first weeks of a strain, show a calf short of capacity; norms fall with age and differ by sex."
   (threshold (name heel-raise-norm-reps) (value ?t))
   (finding (name single-leg-heel-raise-reps) (value ?r&:(< ?r ?t)))
   (threshold (name acute-strain-days) (value ?w))
   (not (and (condition (id ?s) (tier T))
             (evidence (conclusion ?s&~calf-overuse-overload) (polarity support))
             (not (finding (name symptom-duration) (value ?d&:(> ?d ?w))))))
   =>
   (assert (evidence (conclusion driver-calf-capacity) (polarity support) (strength moderate) (rule R39) (basis calf-capacity-test single-leg-heel-raise-reps))))

(defrule CHAIN::weigh-low-reps-in-acute-strain
   "R39 | S4,L13 | In the first weeks of a strain, few heel raises on the painful side are partly pain holding the muscle back: weak, and re-tested once pain-free."
   (threshold (name heel-raise-norm-reps) (value ?t))
   (finding (name single-leg-heel-raise-reps) (value ?r&:(< ?r ?t)))
   (condition (id ?s) (tier T))
   (evidence (conclusion ?s&~calf-overuse-overload) (polarity support))
   (threshold (name acute-strain-days) (value ?w))
   (not (finding (name symptom-duration) (value ?d&:(> ?d ?w))))
   =>
   (assert (evidence (conclusion driver-calf-capacity) (polarity support) (strength weak) (rule R39) (basis calf-capacity-test single-leg-heel-raise-reps))))

(defrule CHAIN::suspect-calf-capacity-soleus
   "R39 | S4,S2 | A soleus that is weak or tires early cannot carry the repeated load of running."
   (finding (name soleus-strength-endurance-deficit) (value yes))
   =>
   (assert (evidence (conclusion driver-calf-capacity) (polarity support) (strength moderate) (rule R39) (basis calf-capacity-test))))

(defrule CHAIN::suspect-calf-capacity-gastrocnemius
   "R39 | S4,S2 | A gastrocnemius that is weak or tires early cannot carry the repeated load of running."
   (finding (name gastroc-strength-endurance-deficit) (value yes))
   =>
   (assert (evidence (conclusion driver-calf-capacity) (polarity support) (strength moderate) (rule R39) (basis calf-capacity-test))))

(defrule CHAIN::suspect-calf-capacity-slow-pace
   "R40 | S4 | Pain even at an easy pace points to a calf short of strength or endurance, or to mechanics."
   (finding (name pain-at-slow-pace) (value yes))
   =>
   (assert (evidence (conclusion driver-calf-capacity) (polarity support) (strength weak) (rule R40))))

;;; ---------------------------------------------------------------- K9 forefoot demand

(defrule CHAIN::suspect-forefoot-demand
   "R46 | S5,S4,L15 | Running on the forefoot makes the calf and Achilles absorb each landing; a trait, so weak on its own."
   (finding (name foot-strike) (value forefoot))
   =>
   (assert (evidence (conclusion driver-forefoot-toe-running-demand) (polarity support) (strength weak) (rule R46))))

;;; ---------------------------------------------------------------- K12 trunk and upper body
;;; R48: at least two of four trunk findings, a row of knowledge/sign-sets.tsv
;;; (phase chain) applied by suspect-sign-pair, as REDFLAG::flag-sign-pair.

(defrule CHAIN::suspect-sign-pair
   "X-sign-pair-chain | S4 | Two signs of a driver sign set present together vote for its driver as its row of the sign-set table says; the row cites its own sources."
   (sign-set (phase chain) (conclusion ?c) (rule ?r) (strength ?s) (votes ?m) (value ?v)
             (members $? ?a $? ?b $?))
   (finding (name ?a) (value ?v))
   (finding (name ?b) (value ?v))
   =>
   (if (eq ?m each-pair)
      then (assert (evidence (conclusion ?c) (polarity support) (strength ?s) (rule ?r) (basis ?a ?b)))
      else (assert (evidence (conclusion ?c) (polarity support) (strength ?s) (rule ?r)))))

;;; ---------------------------------------------------------------- K13 ankle stability and spring

(defrule CHAIN::suspect-ankle-instability
   "R49 | S4 | An unstable ankle makes the calf work to steady each landing."
   (finding (name ankle-instability) (value yes))
   =>
   (assert (evidence (conclusion driver-ankle-stability-reactive-strength) (polarity support) (strength weak) (rule R49))))

(defrule CHAIN::suspect-reactive-strength-deficit
   "R49 | S4 | Little spring in hops and bounds means the calf lacks reactive strength for running."
   (finding (name plyometric-ability-reduced) (value yes))
   =>
   (assert (evidence (conclusion driver-ankle-stability-reactive-strength) (polarity support) (strength weak) (rule R49))))

;;; ---------------------------------------------------------------- R50 slump test advised

(defrule CHAIN::advise-slump-test-one-leg
   "R50 | S2,S3 | One painful calf on the stiffer side in someone with past back or hip trouble could be nerve-related, so slump-test before calling it muscle only; once done, its result speaks instead."
   (finding (name previous-hip-back-issues) (value yes))
   (finding (name bilateral-symptoms) (value no))
   (finding (name flexibility-asymmetry-symptomatic-side) (value yes))
   (not (finding (name slump-test) (value ~not-done)))   ; advice only until it is done
   =>
   (assert (evidence (conclusion slump-test-advised) (polarity support) (strength weak) (rule R50))))

(defrule CHAIN::advise-slump-test-one-side
   "R50 | S2,S3 | Pain on one side only, on the stiffer side, in someone with past back or hip trouble could be nerve-related, so slump-test before calling it muscle only."
   (finding (name previous-hip-back-issues) (value yes))
   (finding (name symptomatic-side) (value left|right))
   (finding (name flexibility-asymmetry-symptomatic-side) (value yes))
   (not (finding (name slump-test) (value ~not-done)))   ; advice only until it is done
   =>
   (assert (evidence (conclusion slump-test-advised) (polarity support) (strength weak) (rule R50))))
