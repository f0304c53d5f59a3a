;;; 20-redflag.clp — REDFLAG: conditions that need a doctor before any calf
;;; treatment (A1-A5), non-urgent referrals and differentials (A6-A10), the
;;; advisory differential screen (R12) and the neural driver K10 (R18).
;;; Runs after SCREEN, so the Wells and S4 totals are final here.

(defmodule REDFLAG (import MAIN ?ALL))

;;; ---------------------------------------------------------------- A1 possible DVT

(defrule REDFLAG::flag-dvt-high-wells
   "R01 | L1 | A Wells total in the high band makes a clot likely enough to need medical review the same day."
   (threshold (name wells-high-band) (value ?h))
   (score (name wells) (value ?v&:(>= ?v ?h)))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength strong) (rule R01))))

(defrule REDFLAG::flag-dvt-moderate-wells
   "R02 | L1 | A Wells total in the middle band still needs a same-day medical assessment, because a physiotherapist cannot test further."
   (threshold (name wells-moderate-band) (value ?m))
   (threshold (name wells-high-band) (value ?h))
   (score (name wells) (value ?v&:(>= ?v ?m)&:(< ?v ?h)))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R02))))

(defrule REDFLAG::flag-dvt-calf-swelling
   "R03 | L1,L2 | A clearly swollen calf is a core clot sign and counts even when the story sounds like a muscle tear."
   (threshold (name calf-swelling-cm) (value ?t))
   (finding (name calf-swelling-diff) (value ?v&:(> ?v ?t)))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R03))))

(defrule REDFLAG::flag-dvt-pitting-oedema
   "R03 | L1,L2 | Pitting oedema on the painful side is a core clot sign and counts even when strain findings are present."
   (finding (name pitting-oedema-symptomatic-leg) (value yes))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R03))))

(defrule REDFLAG::flag-dvt-leg-swollen
   "R03 | L1,L2 | A whole swollen leg is a core clot sign and counts even when strain findings are present."
   (finding (name entire-leg-swollen) (value yes))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R03))))

;;; ---------------------------------------------------------------- A2 acute compartment syndrome

(defrule REDFLAG::flag-acs-passive-stretch
   "R05 | L4,L3 | Pain far beyond the injury, worse on passive stretch and not known to ease with rest, is the classic compartment emergency."
   (finding (name pain-out-of-proportion) (value yes))
   (finding (name pain-on-passive-stretch-severe) (value yes))
   (not (finding (name settles-within-minutes-of-stopping) (value yes)))
   =>
   (assert (evidence (conclusion acute-compartment-syndrome) (polarity support) (strength strong) (rule R05))))

(defrule REDFLAG::flag-acs-tense-calf
   "R05 | L4,L3 | Pain far beyond the injury in a tense calf that is not known to ease with rest is the classic compartment emergency."
   (finding (name pain-out-of-proportion) (value yes))
   (finding (name calf-tense-firm) (value yes))
   (not (finding (name settles-within-minutes-of-stopping) (value yes)))
   =>
   (assert (evidence (conclusion acute-compartment-syndrome) (polarity support) (strength strong) (rule R05))))

(defrule REDFLAG::flag-acs-shiny-tense-calf
   "R06 | S4,L4 | Shiny skin over a tense calf that is agony to touch joins the S4 warning signs to the compartment picture."
   (finding (name shiny-skin) (value yes))
   (finding (name exquisite-tenderness) (value yes))
   (finding (name calf-tense-firm) (value yes))
   =>
   (assert (evidence (conclusion acute-compartment-syndrome) (polarity support) (strength moderate) (rule R06))))

;;; ---------------------------------------------------------------- A3 Achilles rupture
;;; R07: any two of the four guideline signs, one rule per pair.

(defrule REDFLAG::flag-rupture-thompson-gap
   "R07 | L5 | Two guideline signs of a torn Achilles (positive squeeze test and a palpable gap) need urgent orthopaedic care."
   (finding (name thompson-positive) (value yes))
   (finding (name palpable-achilles-gap) (value yes))
   =>
   (assert (evidence (conclusion achilles-rupture) (polarity support) (strength strong) (rule R07) (basis thompson-positive palpable-achilles-gap))))

(defrule REDFLAG::flag-rupture-thompson-weakness
   "R07 | L5 | Two guideline signs of a torn Achilles (positive squeeze test and weak push-off) need urgent orthopaedic care."
   (finding (name thompson-positive) (value yes))
   (finding (name plantarflexion-weakness) (value yes))
   =>
   (assert (evidence (conclusion achilles-rupture) (polarity support) (strength strong) (rule R07) (basis thompson-positive plantarflexion-weakness))))

(defrule REDFLAG::flag-rupture-thompson-dorsiflexion
   "R07 | L5 | Two guideline signs of a torn Achilles (positive squeeze test and extra passive ankle bend) need urgent orthopaedic care."
   (finding (name thompson-positive) (value yes))
   (finding (name increased-passive-dorsiflexion) (value yes))
   =>
   (assert (evidence (conclusion achilles-rupture) (polarity support) (strength strong) (rule R07) (basis thompson-positive increased-passive-dorsiflexion))))

(defrule REDFLAG::flag-rupture-gap-weakness
   "R07 | L5 | Two guideline signs of a torn Achilles (palpable gap and weak push-off) need urgent orthopaedic care."
   (finding (name palpable-achilles-gap) (value yes))
   (finding (name plantarflexion-weakness) (value yes))
   =>
   (assert (evidence (conclusion achilles-rupture) (polarity support) (strength strong) (rule R07) (basis palpable-achilles-gap plantarflexion-weakness))))

(defrule REDFLAG::flag-rupture-gap-dorsiflexion
   "R07 | L5 | Two guideline signs of a torn Achilles (palpable gap and extra passive ankle bend) need urgent orthopaedic care."
   (finding (name palpable-achilles-gap) (value yes))
   (finding (name increased-passive-dorsiflexion) (value yes))
   =>
   (assert (evidence (conclusion achilles-rupture) (polarity support) (strength strong) (rule R07) (basis palpable-achilles-gap increased-passive-dorsiflexion))))

(defrule REDFLAG::flag-rupture-weakness-dorsiflexion
   "R07 | L5 | Two guideline signs of a torn Achilles (weak push-off and extra passive ankle bend) need urgent orthopaedic care."
   (finding (name plantarflexion-weakness) (value yes))
   (finding (name increased-passive-dorsiflexion) (value yes))
   =>
   (assert (evidence (conclusion achilles-rupture) (polarity support) (strength strong) (rule R07) (basis plantarflexion-weakness increased-passive-dorsiflexion))))

(defrule REDFLAG::flag-rupture-pop-no-heel-raise
   "R08 | L5,S5 | A sudden pop or kicked feeling followed by an inability to rise on one leg points to a torn tendon unless the squeeze test is clearly normal."
   (finding (name onset) (value sudden))
   (finding (name pop-or-kicked-sensation) (value yes))
   (finding (name single-leg-heel-raise-able) (value no))
   (not (finding (name thompson-positive) (value no)))
   =>
   (assert (evidence (conclusion achilles-rupture) (polarity support) (strength moderate) (rule R08))))

;;; ---------------------------------------------------------------- A4 cauda equina

(defrule REDFLAG::flag-cauda-equina-saddle
   "R09 | L19 | Saddle numbness or a new bladder or bowel change is a spinal emergency whatever the calf shows."
   (finding (name saddle-numbness-or-bladder-bowel-change) (value yes))
   =>
   (assert (evidence (conclusion cauda-equina) (polarity support) (strength strong) (rule R09))))

(defrule REDFLAG::flag-cauda-equina-bilateral-reflex
   "R09 | L19,L7 | Symptoms in both legs with spinal pain and a lost ankle reflex suggest roots on both sides are compressed."
   (finding (name bilateral-symptoms) (value yes))
   (finding (name back-pain-or-radiating-leg-pain) (value yes))
   (finding (name ankle-reflex-reduced) (value yes))
   =>
   (assert (evidence (conclusion cauda-equina) (polarity support) (strength strong) (rule R09))))

(defrule REDFLAG::flag-cauda-equina-bilateral-sensory
   "R09 | L19,L7 | Symptoms in both legs with spinal pain and numbness of the outer foot suggest roots on both sides are compressed."
   (finding (name bilateral-symptoms) (value yes))
   (finding (name back-pain-or-radiating-leg-pain) (value yes))
   (finding (name lateral-foot-sensory-loss) (value yes))
   =>
   (assert (evidence (conclusion cauda-equina) (polarity support) (strength strong) (rule R09))))

;;; ---------------------------------------------------------------- A5 failed S4 screen

(defrule REDFLAG::flag-screen-discolouration
   "R10 | S4,L2 | Any colour change of the leg fails the S4 screen, bruising after a witnessed tear included, since a clot cannot be ruled out by hand."
   (finding (name leg-discolouration) (value ~none))
   =>
   (assert (evidence (conclusion serious-screen-failed) (polarity support) (strength moderate) (rule R10))))

(defrule REDFLAG::flag-screen-shiny-skin
   "R10 | S4 | Shiny skin over the calf fails the S4 screen and calls for medical review before treatment."
   (finding (name shiny-skin) (value yes))
   =>
   (assert (evidence (conclusion serious-screen-failed) (polarity support) (strength moderate) (rule R10))))

(defrule REDFLAG::flag-screen-exquisite-tenderness
   "R10 | S4 | A calf that is agony to touch fails the S4 screen and calls for medical review before treatment."
   (finding (name exquisite-tenderness) (value yes))
   =>
   (assert (evidence (conclusion serious-screen-failed) (polarity support) (strength moderate) (rule R10))))

(defrule REDFLAG::flag-screen-worsening
   "R11 | S4 | Pain that is getting worse instead of settling fails the S4 screen at any stage."
   (finding (name symptom-trend) (value worsening))
   =>
   (assert (evidence (conclusion serious-screen-failed) (polarity support) (strength moderate) (rule R11))))

(defrule REDFLAG::flag-screen-not-settling
   "R11 | S4 | A sudden injury that has not eased after the first days is read conservatively as a failed S4 screen."
   (threshold (name acute-review-days) (value ?t))
   (finding (name onset) (value sudden))
   (finding (name symptom-trend) (value unchanged))
   (finding (name symptom-duration) (value ?d&:(> ?d ?t)))
   =>
   (assert (evidence (conclusion serious-screen-failed) (polarity support) (strength moderate) (rule R11))))

;;; ---------------------------------------------------------------- R12 differential screen (advisory)

(defrule REDFLAG::advise-differential-screen-gradual
   "R12 | S4 | Pain that crept on leaves the S4 screen incomplete, so the exertional, bone and nerve differentials are checked before settling on a muscle cause."
   (finding (name onset) (value gradual))
   =>
   (assert (evidence (conclusion run-differential-screen) (polarity support) (strength weak) (rule R12))))

(defrule REDFLAG::advise-differential-screen-no-moment
   "R12 | S4 | With no remembered moment of injury the S4 screen is incomplete, so the exertional, bone and nerve differentials are checked first."
   (finding (name injury-moment-remembered) (value no))
   =>
   (assert (evidence (conclusion run-differential-screen) (polarity support) (strength weak) (rule R12))))

;;; ---------------------------------------------------------------- A6 CECS

(defrule REDFLAG::flag-cecs-bilateral
   "R13 | L3,S1 | Pain that starts at a set distance, eases within minutes of stopping and affects both legs fits exertional compartment syndrome."
   (finding (name pain-onset-into-run) (value ?km&:(> ?km 0)))
   (finding (name settles-within-minutes-of-stopping) (value yes))
   (finding (name bilateral-symptoms) (value yes))
   =>
   (assert (evidence (conclusion cecs-suspected) (polarity support) (strength moderate) (rule R13))))

(defrule REDFLAG::flag-cecs-paraesthesia
   "R13 | L3,S1 | Pain that starts at a set distance and eases within minutes of stopping, with pins and needles, fits exertional compartment syndrome."
   (finding (name pain-onset-into-run) (value ?km&:(> ?km 0)))
   (finding (name settles-within-minutes-of-stopping) (value yes))
   (finding (name paraesthesia-foot-or-calf) (value yes))
   =>
   (assert (evidence (conclusion cecs-suspected) (polarity support) (strength moderate) (rule R13))))

;;; ---------------------------------------------------------------- A7 PAES

(defrule REDFLAG::flag-paes-cold-foot
   "R14 | L6 | Exercise cramping in a young runner whose foot turns cold or pale afterwards suggests a trapped popliteal artery."
   (threshold (name paes-age-max-years) (value ?t))
   (finding (name cramping-during-run) (value yes))
   (finding (name age) (value ?a&:(< ?a ?t)))
   (finding (name cold-pale-foot-after-exercise) (value yes))
   =>
   (assert (evidence (conclusion paes-suspected) (polarity support) (strength moderate) (rule R14))))

(defrule REDFLAG::flag-paes-pulses
   "R14 | L6 | Exercise cramping in a young runner whose foot pulses fade on provocation suggests a trapped popliteal artery."
   (threshold (name paes-age-max-years) (value ?t))
   (finding (name cramping-during-run) (value yes))
   (finding (name age) (value ?a&:(< ?a ?t)))
   (finding (name pulses-reduced-on-provocation) (value yes))
   =>
   (assert (evidence (conclusion paes-suspected) (polarity support) (strength moderate) (rule R14))))

(defrule REDFLAG::flag-paes-paraesthesia
   "R14 | L6 | Exercise cramping with pins and needles in a young runner can come from a trapped popliteal artery."
   (threshold (name paes-age-max-years) (value ?t))
   (finding (name cramping-during-run) (value yes))
   (finding (name age) (value ?a&:(< ?a ?t)))
   (finding (name paraesthesia-foot-or-calf) (value yes))
   =>
   (assert (evidence (conclusion paes-suspected) (polarity support) (strength moderate) (rule R14))))

;;; ---------------------------------------------------------------- A8 bone stress / A10 MTSS

(defrule REDFLAG::flag-bone-stress-focal
   "R15 | L8,L9 | Shin pain with tenderness confined to a short stretch of bone suggests a stress injury rather than diffuse shin splints."
   (threshold (name focal-tenderness-cm) (value ?t))
   (finding (name pain-location) (value posteromedial-tibia|anterior-shin))
   (finding (name tibial-tenderness-length) (value ?l&:(> ?l 0)&:(< ?l ?t)))
   =>
   (assert (evidence (conclusion tibial-bone-stress-injury) (polarity support) (strength moderate) (rule R15))))

(defrule REDFLAG::flag-bone-stress-hop
   "R15 | L9 | Shin pain that hopping provokes suggests a bone stress injury; running stops until imaging."
   (finding (name pain-location) (value posteromedial-tibia|anterior-shin))
   (finding (name pain-on-hop) (value yes))
   =>
   (assert (evidence (conclusion tibial-bone-stress-injury) (polarity support) (strength moderate) (rule R15))))

(defrule REDFLAG::flag-bone-stress-night-pain
   "R15 | L9 | Shin pain at night or at rest suggests a bone stress injury; running stops until imaging."
   (finding (name pain-location) (value posteromedial-tibia|anterior-shin))
   (finding (name night-or-rest-pain) (value yes))
   =>
   (assert (evidence (conclusion tibial-bone-stress-injury) (polarity support) (strength moderate) (rule R15))))

(defrule REDFLAG::flag-mtss-diffuse
   "R16 | L8 | Inner-shin pain tender along a long stretch of bone, with hopping and rest both known to be painless, fits shin splints."
   (threshold (name diffuse-tenderness-cm) (value ?t))
   (finding (name pain-location) (value posteromedial-tibia))
   (finding (name tibial-tenderness-length) (value ?l&:(>= ?l ?t)))
   (finding (name pain-on-hop) (value no))
   (finding (name night-or-rest-pain) (value no))
   =>
   (assert (evidence (conclusion mtss) (polarity support) (strength moderate) (rule R16))))

;;; ---------------------------------------------------------------- A9 S1 radiculopathy

(defrule REDFLAG::flag-radiculopathy-back-reflex
   "R17 | L7 | Back or radiating pain with a reduced ankle reflex points to an irritated S1 root that needs medical review."
   (finding (name back-pain-or-radiating-leg-pain) (value yes))
   (finding (name ankle-reflex-reduced) (value yes))
   =>
   (assert (evidence (conclusion s1-radiculopathy) (polarity support) (strength moderate) (rule R17))))

(defrule REDFLAG::flag-radiculopathy-back-sensory
   "R17 | L7 | Back or radiating pain with numbness of the outer foot points to an irritated S1 root that needs medical review."
   (finding (name back-pain-or-radiating-leg-pain) (value yes))
   (finding (name lateral-foot-sensory-loss) (value yes))
   =>
   (assert (evidence (conclusion s1-radiculopathy) (polarity support) (strength moderate) (rule R17))))

(defrule REDFLAG::flag-radiculopathy-history-reflex
   "R17 | L7,S2 | A past back or hip problem with a reduced ankle reflex points to an irritated S1 root that needs medical review."
   (finding (name previous-hip-back-issues) (value yes))
   (finding (name ankle-reflex-reduced) (value yes))
   =>
   (assert (evidence (conclusion s1-radiculopathy) (polarity support) (strength moderate) (rule R17))))

(defrule REDFLAG::flag-radiculopathy-history-sensory
   "R17 | L7,S2 | A past back or hip problem with numbness of the outer foot points to an irritated S1 root that needs medical review."
   (finding (name previous-hip-back-issues) (value yes))
   (finding (name lateral-foot-sensory-loss) (value yes))
   =>
   (assert (evidence (conclusion s1-radiculopathy) (polarity support) (strength moderate) (rule R17))))

;;; ---------------------------------------------------------------- K10 neural mobility

(defrule REDFLAG::suspect-neural-mobility
   "R18 | S2,L7 | A slump test that brings on the calf pain and changes with neck movement, without a known nerve deficit, suggests a nerve that slides poorly."
   (finding (name slump-test) (value reproduces-calf-symptoms-with-differentiation))
   (not (finding (name ankle-reflex-reduced) (value yes)))
   (not (finding (name lateral-foot-sensory-loss) (value yes)))
   =>
   (assert (evidence (conclusion driver-neural-mobility) (polarity support) (strength moderate) (rule R18))))
