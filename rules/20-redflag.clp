;;; 20-redflag.clp — REDFLAG: conditions that need a doctor before any calf
;;; treatment (A1-A5), non-urgent referrals and differentials (A6-A10), the
;;; advisory differential screen (R12) and the neural driver K10 (R18).
;;; Runs after SCREEN, so the Wells and S4 totals are final here.

(defmodule REDFLAG (import MAIN ?ALL))

;;; ---------------------------------------------------------------- A1 possible DVT

(defrule REDFLAG::flag-dvt-high-wells
   "R01 | L1 | A Wells total in the high band makes a clot likely enough to need medical review the same day."
   (threshold (name wells-high-band) (value ?h))
   (score (name wells) (value ?v&:(>= ?v ?h)) (counted $?items))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength strong) (rule R01) (basis wells-score $?items))))

(defrule REDFLAG::flag-dvt-moderate-wells
   "R02 | L1 | A Wells total in the middle band still needs a same-day medical assessment, because a physiotherapist cannot test further."
   (threshold (name wells-moderate-band) (value ?m))
   (threshold (name wells-high-band) (value ?h))
   (score (name wells) (value ?v&:(>= ?v ?m)&:(< ?v ?h)) (counted $?items))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R02) (basis wells-score $?items))))

(defrule REDFLAG::flag-dvt-calf-swelling
   "R03 | L1,L2 | A clearly swollen calf is a core clot sign and counts even when the story sounds like a muscle tear."
   (threshold (name calf-swelling-cm) (value ?t))
   (finding (name calf-swelling-diff) (value ?v&:(>= ?v ?t)))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R03) (basis calf-swelling-diff))))

(defrule REDFLAG::flag-dvt-pitting-oedema
   "R03 | L1,L2 | Pitting oedema on the painful side is a core clot sign and counts even when strain findings are present."
   (finding (name pitting-oedema-symptomatic-leg) (value yes))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R03) (basis pitting-oedema-symptomatic-leg))))

(defrule REDFLAG::flag-dvt-leg-swollen
   "R03 | L1,L2 | A whole swollen leg is a core clot sign and counts even when strain findings are present."
   (finding (name entire-leg-swollen) (value yes))
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule R03) (basis entire-leg-swollen))))

;;; A strong risk factor makes any calf pain a possible clot, whatever the
;;; alternative-diagnosis item does to the Wells total: a physiotherapist
;;; cannot order a D-dimer, so the doctor decides.

(defrule REDFLAG::flag-dvt-risk-cancer
   "X-dvt-risk-factor | L1,L25 | Calf pain in someone with active cancer needs a clot excluded by a doctor, whatever the Wells total says."
   (finding (name wells-active-cancer) (value yes))
   (threshold (name wells-moderate-band) (value ?m))
   (score (name wells) (value ?w&:(< ?w ?m)))    ; the Wells rules did not already flag it
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule X-dvt-risk-factor) (basis wells-active-cancer))))

(defrule REDFLAG::flag-dvt-risk-surgery
   "X-dvt-risk-factor | L1,L25 | Calf pain after recent major surgery or days in bed needs a clot excluded by a doctor, whatever the Wells total says."
   (finding (name wells-bedridden-or-major-surgery) (value yes))
   (threshold (name wells-moderate-band) (value ?m))
   (score (name wells) (value ?w&:(< ?w ?m)))    ; the Wells rules did not already flag it
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule X-dvt-risk-factor) (basis wells-bedridden-or-major-surgery))))

(defrule REDFLAG::flag-dvt-risk-immobile-leg
   "X-dvt-risk-factor | L1,L25 | Calf pain in a leg recently in a cast or paralysed needs a clot excluded by a doctor, whatever the Wells total says."
   (finding (name wells-paralysis-or-recent-cast) (value yes))
   (threshold (name wells-moderate-band) (value ?m))
   (score (name wells) (value ?w&:(< ?w ?m)))    ; the Wells rules did not already flag it
   =>
   (assert (evidence (conclusion possible-dvt) (polarity support) (strength moderate) (rule X-dvt-risk-factor) (basis wells-paralysis-or-recent-cast))))

;;; ---------------------------------------------------------------- A2 acute compartment syndrome
;;; Any two of the early signs (pain out of proportion, severe pain on passive
;;; stretch, a tense calf), or a blow to the calf with one of them, is enough:
;;; the late signs (pallor, numbness, lost pulses) are never waited for. Each
;;; rule names the two signs it rests on, so a third sign adds an independent
;;; vote only when it forms a pair of its own.

(defrule REDFLAG::flag-acs-passive-stretch
   "R05 | L4,L21 | Pain far beyond the injury that passive stretch makes severe, not known to ease with rest, is the classic compartment emergency."
   (finding (name pain-out-of-proportion) (value yes))
   (finding (name pain-on-passive-stretch-severe) (value yes))
   (not (finding (name settles-within-minutes-of-stopping) (value yes)))
   =>
   (assert (evidence (conclusion acute-compartment-syndrome) (polarity support) (strength moderate) (rule R05) (basis pain-out-of-proportion pain-on-passive-stretch-severe))))

(defrule REDFLAG::flag-acs-tense-calf
   "R05 | L4 | Pain far beyond the injury in a tense calf that is not known to ease with rest is the classic compartment emergency."
   (finding (name pain-out-of-proportion) (value yes))
   (finding (name calf-tense-firm) (value yes))
   (not (finding (name settles-within-minutes-of-stopping) (value yes)))
   =>
   (assert (evidence (conclusion acute-compartment-syndrome) (polarity support) (strength moderate) (rule R05) (basis pain-out-of-proportion calf-tense-firm))))

(defrule REDFLAG::flag-acs-tense-stretch
   "X-acs-tense-stretch | L21,L4 | A tense calf with severe pain on passive stretch makes compartment syndrome likely even when nobody has judged the pain out of proportion."
   (finding (name calf-tense-firm) (value yes))
   (finding (name pain-on-passive-stretch-severe) (value yes))
   (not (finding (name settles-within-minutes-of-stopping) (value yes)))
   =>
   (assert (evidence (conclusion acute-compartment-syndrome) (polarity support) (strength moderate) (rule X-acs-tense-stretch) (basis calf-tense-firm pain-on-passive-stretch-severe))))

(defrule REDFLAG::flag-acs-after-blow
   "X-acs-after-blow | L4,L21 | After a blow to the calf, pain out of proportion, severe pain on passive stretch or a tense calf is enough to suspect a compartment bleeding under pressure."
   (finding (name direct-trauma) (value yes))
   (finding (name ?sign&pain-out-of-proportion|pain-on-passive-stretch-severe|calf-tense-firm) (value yes))
   (not (finding (name settles-within-minutes-of-stopping) (value yes)))
   =>
   (assert (evidence (conclusion acute-compartment-syndrome) (polarity support) (strength moderate) (rule X-acs-after-blow) (basis direct-trauma ?sign))))

(defrule REDFLAG::flag-acs-shiny-tense-calf
   "R06 | S4,L4 | Shiny skin over a tense calf that is agony to touch joins the S4 warning signs to the compartment picture."
   (finding (name shiny-skin) (value yes))
   (finding (name exquisite-tenderness) (value yes))
   (finding (name calf-tense-firm) (value yes))
   =>
   (assert (evidence (conclusion acute-compartment-syndrome) (polarity support) (strength moderate) (rule R06) (basis shiny-skin exquisite-tenderness))))

;;; ---------------------------------------------------------------- A3 Achilles rupture
;;; R07: any two of the four guideline signs; a positive squeeze test is
;;; strong evidence on its own (L20). "Any two of these signs" sets are rows
;;; of knowledge/sign-sets.tsv; flag-sign-pair applies the redflag rows.
;;; Members are taken in table order, so each pair matches once; an each-pair
;;; set's vote rests on its two signs, so a third sign adds an independent
;;; vote only when it forms a pair of its own.

(defrule REDFLAG::flag-rupture-thompson
   "X-rupture-thompson | L20,L5 | A positive calf squeeze test is the most accurate bedside sign of a torn Achilles and is enough on its own for urgent orthopaedic care."
   (finding (name thompson-positive) (value yes))
   =>
   (assert (evidence (conclusion achilles-rupture) (polarity support) (strength strong) (rule X-rupture-thompson) (basis thompson-positive))))

(defrule REDFLAG::flag-sign-pair
   "X-sign-pair-redflag | L5 | Two signs of a red-flag sign set present together vote for its conclusion as its row of the sign-set table says; the row cites its own sources."
   (sign-set (phase redflag) (conclusion ?c) (rule ?r) (strength ?s) (votes ?m) (value ?v)
             (members $? ?a $? ?b $?))
   (finding (name ?a) (value ?v))
   (finding (name ?b) (value ?v))
   =>
   (if (eq ?m each-pair)
      then (assert (evidence (conclusion ?c) (polarity support) (strength ?s) (rule ?r) (basis ?a ?b)))
      else (assert (evidence (conclusion ?c) (polarity support) (strength ?s) (rule ?r)))))

(defrule REDFLAG::flag-rupture-pop-no-heel-raise
   "R08 | L5,L20 | A sudden pop or kicked feeling followed by an inability to rise on one leg points to a torn tendon unless the squeeze test is clearly normal."
   (finding (name onset) (value sudden))
   (finding (name pop-or-kicked-sensation) (value yes))
   (finding (name single-leg-heel-raise-able) (value no))
   (not (finding (name thompson-positive) (value no)))
   =>
   (assert (evidence (conclusion achilles-rupture) (polarity support) (strength moderate) (rule R08) (basis pop-or-kicked-sensation single-leg-heel-raise-able))))

;;; ---------------------------------------------------------------- A4 cauda equina

(defrule REDFLAG::flag-cauda-equina-saddle
   "R09 | L19,L24 | Saddle numbness or a new bladder or bowel change is a spinal emergency whatever the calf shows."
   (finding (name saddle-numbness-or-bladder-bowel-change) (value yes))
   =>
   (assert (evidence (conclusion cauda-equina) (polarity support) (strength strong) (rule R09) (basis saddle-numbness-or-bladder-bowel-change))))

;;; Root signs count as bilateral only when the record says so: a reduced
;;; reflex or numb outer foot whose side is not recorded is an S1 root sign
;;; (A9), and its side becomes a question.

(defrule REDFLAG::flag-cauda-equina-both-reflexes
   "R09 | L19,L24,L7 | Spinal or radiating pain with both ankle reflexes reduced means roots on both sides are compressed."
   (finding (name back-pain-or-radiating-leg-pain) (value yes))
   (finding (name ankle-reflex-reduced-side) (value both))
   =>
   (assert (evidence (conclusion cauda-equina) (polarity support) (strength strong) (rule R09) (basis ankle-reflex-reduced-side))))

(defrule REDFLAG::flag-cauda-equina-both-feet-numb
   "R09 | L19,L24,L7 | Spinal or radiating pain with numbness of both outer feet means roots on both sides are compressed."
   (finding (name back-pain-or-radiating-leg-pain) (value yes))
   (finding (name lateral-foot-sensory-loss-side) (value both))
   =>
   (assert (evidence (conclusion cauda-equina) (polarity support) (strength strong) (rule R09) (basis lateral-foot-sensory-loss-side))))

(defrule REDFLAG::flag-cauda-equina-crossed-root-signs
   "R09 | L19,L24,L7 | Spinal or radiating pain with a reduced reflex on one side and a numb outer foot on the other means roots on both sides are involved."
   (finding (name back-pain-or-radiating-leg-pain) (value yes))
   (finding (name ankle-reflex-reduced-side) (value ?r&left|right))
   (finding (name lateral-foot-sensory-loss-side) (value ?n&left|right&~?r))
   =>
   (assert (evidence (conclusion cauda-equina) (polarity support) (strength strong) (rule R09) (basis ankle-reflex-reduced-side lateral-foot-sensory-loss-side))))

;;; ---------------------------------------------------------------- A5 failed S4 screen

(defrule REDFLAG::flag-screen-discolouration
   "R10 | S4,L2 | Any colour change of the leg fails the S4 screen, bruising after a witnessed tear included, since a clot cannot be ruled out by hand."
   (finding (name leg-discolouration) (value ~none))
   =>
   (assert (evidence (conclusion serious-screen-failed) (polarity support) (strength moderate) (rule R10) (basis leg-discolouration))))

(defrule REDFLAG::flag-screen-shiny-skin
   "R10 | S4 | Shiny skin over the calf fails the S4 screen and calls for medical review before treatment."
   (finding (name shiny-skin) (value yes))
   =>
   (assert (evidence (conclusion serious-screen-failed) (polarity support) (strength moderate) (rule R10) (basis shiny-skin))))

(defrule REDFLAG::flag-screen-exquisite-tenderness
   "R10 | S4 | A calf that is agony to touch fails the S4 screen and calls for medical review before treatment."
   (finding (name exquisite-tenderness) (value yes))
   =>
   (assert (evidence (conclusion serious-screen-failed) (polarity support) (strength moderate) (rule R10) (basis exquisite-tenderness))))

(defrule REDFLAG::flag-screen-worsening
   "R11 | S4 | Pain that is getting worse instead of settling fails the S4 screen at any stage."
   (finding (name symptom-trend) (value worsening))
   =>
   (assert (evidence (conclusion serious-screen-failed) (polarity support) (strength moderate) (rule R11) (basis symptom-trend))))

(defrule REDFLAG::flag-screen-not-settling
   "R11 | S4 | A sudden injury that has not eased after the first days is read conservatively as a failed S4 screen."
   (threshold (name acute-review-days) (value ?t))
   (finding (name onset) (value sudden))
   (finding (name symptom-trend) (value unchanged))
   (finding (name symptom-duration) (value ?d&:(> ?d ?t)))
   =>
   (assert (evidence (conclusion serious-screen-failed) (polarity support) (strength moderate) (rule R11) (basis symptom-trend))))

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
;;; Pain that arrives at a predictable point of the run and is gone within
;;; minutes of stopping is the exertional pattern, on one side (deep
;;; posterior compartment) or both. Both legs or pins and needles each add a
;;; vote of their own.

(defrule REDFLAG::flag-cecs-set-distance
   "R13 | L3 | Pain that starts at a set point of the run and eases within minutes of stopping fits exertional compartment syndrome, on one side or both."
   (finding (name pain-onset-into-run) (value ?km&:(> ?km 0)))
   (finding (name settles-within-minutes-of-stopping) (value yes))
   =>
   (assert (evidence (conclusion cecs-suspected) (polarity support) (strength moderate) (rule R13) (basis pain-onset-into-run settles-within-minutes-of-stopping))))

(defrule REDFLAG::flag-cecs-bilateral
   "R13 | L3 | Both legs hurting at a set distance and easing within minutes of stopping adds to the exertional compartment picture."
   (finding (name pain-onset-into-run) (value ?km&:(> ?km 0)))
   (finding (name settles-within-minutes-of-stopping) (value yes))
   (finding (name bilateral-symptoms) (value yes))
   =>
   (assert (evidence (conclusion cecs-suspected) (polarity support) (strength weak) (rule R13) (basis bilateral-symptoms))))

(defrule REDFLAG::flag-cecs-paraesthesia
   "R13 | L3 | Pins and needles with pain at a set distance that eases within minutes of stopping adds to the exertional compartment picture."
   (finding (name pain-onset-into-run) (value ?km&:(> ?km 0)))
   (finding (name settles-within-minutes-of-stopping) (value yes))
   (finding (name paraesthesia-foot-or-calf) (value yes))
   =>
   (assert (evidence (conclusion cecs-suspected) (polarity support) (strength weak) (rule R13) (basis paraesthesia-foot-or-calf))))

;;; ---------------------------------------------------------------- A7 PAES / A11 arterial disease
;;; Vascular signs are referred at any age; age only changes the label:
;;; entrapment under the cut-off, claudication, aneurysm or endofibrosis from
;;; it on, and the broader label when age is not recorded.

(defrule REDFLAG::flag-paes-cold-foot
   "R14 | L6 | Exercise cramping in a young runner whose foot turns cold or pale afterwards suggests a trapped popliteal artery."
   (threshold (name paes-age-max-years) (value ?t))
   (finding (name cramping-during-run) (value yes))
   (finding (name age) (value ?a&:(< ?a ?t)))
   (finding (name cold-pale-foot-after-exercise) (value yes))
   =>
   (assert (evidence (conclusion paes-suspected) (polarity support) (strength moderate) (rule R14) (basis cold-pale-foot-after-exercise))))

(defrule REDFLAG::flag-paes-pulses
   "R14 | L6 | Foot pulses that fade on provocation in a young runner suggest a trapped popliteal artery."
   (threshold (name paes-age-max-years) (value ?t))
   (finding (name age) (value ?a&:(< ?a ?t)))
   (finding (name pulses-reduced-on-provocation) (value yes))
   =>
   (assert (evidence (conclusion paes-suspected) (polarity support) (strength moderate) (rule R14) (basis pulses-reduced-on-provocation))))

(defrule REDFLAG::flag-paes-paraesthesia
   "R14 | L6 | Exercise cramping with pins and needles in a young runner can come from a trapped popliteal artery."
   (threshold (name paes-age-max-years) (value ?t))
   (finding (name cramping-during-run) (value yes))
   (finding (name age) (value ?a&:(< ?a ?t)))
   (finding (name paraesthesia-foot-or-calf) (value yes))
   =>
   (assert (evidence (conclusion paes-suspected) (polarity support) (strength moderate) (rule R14) (basis paraesthesia-foot-or-calf))))

(defrule REDFLAG::flag-artery-cold-foot-older
   "X-artery-older | L22 | Exercise cramping with a foot that turns cold or pale afterwards in a runner at or above the age cut-off points to arterial disease, which is referred like entrapment."
   (threshold (name paes-age-max-years) (value ?t))
   (finding (name cramping-during-run) (value yes))
   (finding (name age) (value ?a&:(>= ?a ?t)))
   (finding (name cold-pale-foot-after-exercise) (value yes))
   =>
   (assert (evidence (conclusion arterial-disease-suspected) (polarity support) (strength moderate) (rule X-artery-older) (basis cold-pale-foot-after-exercise))))

(defrule REDFLAG::flag-artery-pulses-older
   "X-artery-older | L22 | Foot pulses that fade on provocation in a runner at or above the age cut-off point to arterial disease, which is referred like entrapment."
   (threshold (name paes-age-max-years) (value ?t))
   (finding (name age) (value ?a&:(>= ?a ?t)))
   (finding (name pulses-reduced-on-provocation) (value yes))
   =>
   (assert (evidence (conclusion arterial-disease-suspected) (polarity support) (strength moderate) (rule X-artery-older) (basis pulses-reduced-on-provocation))))

(defrule REDFLAG::flag-artery-cold-foot-age-unknown
   "X-artery-age-unknown | L22,L6 | With the age not recorded, exercise cramping and a foot that turns cold or pale afterwards still need a vascular referral."
   (finding (name cramping-during-run) (value yes))
   (not (finding (name age)))
   (finding (name cold-pale-foot-after-exercise) (value yes))
   =>
   (assert (evidence (conclusion arterial-disease-suspected) (polarity support) (strength moderate) (rule X-artery-age-unknown) (basis cold-pale-foot-after-exercise))))

(defrule REDFLAG::flag-artery-pulses-age-unknown
   "X-artery-age-unknown | L22,L6 | With the age not recorded, foot pulses that fade on provocation still need a vascular referral."
   (not (finding (name age)))
   (finding (name pulses-reduced-on-provocation) (value yes))
   =>
   (assert (evidence (conclusion arterial-disease-suspected) (polarity support) (strength moderate) (rule X-artery-age-unknown) (basis pulses-reduced-on-provocation))))

;;; ---------------------------------------------------------------- A8 bone stress / A10 MTSS
;;; Each bone sign is its own vote (a separate basis), so three signs weigh
;;; more than one. Fibular and posterior tibial stress injuries are felt as
;;; deep or outer calf pain, where a strain also hurts on hopping, so there
;;; hop pain counts only with night or rest pain; on the shin one sign is
;;; enough, and a tender spot of bone is enough anywhere.

(defrule REDFLAG::flag-bone-stress-focal
   "R15 | L8,L9 | Shin pain with tenderness confined to a short stretch of bone suggests a stress injury rather than diffuse shin splints."
   (threshold (name focal-tenderness-cm) (value ?t))
   (finding (name pain-location) (value posteromedial-tibia|anterior-shin))
   (finding (name tibial-tenderness-length) (value ?l&:(> ?l 0)&:(< ?l ?t)))
   =>
   (assert (evidence (conclusion tibial-bone-stress-injury) (polarity support) (strength moderate) (rule R15) (basis tibial-tenderness-length))))

(defrule REDFLAG::flag-bone-stress-hop
   "R15 | L9,L23 | Shin pain that hopping provokes suggests a bone stress injury; running stops until imaging."
   (finding (name pain-location) (value posteromedial-tibia|anterior-shin))
   (finding (name pain-on-hop) (value yes))
   =>
   (assert (evidence (conclusion tibial-bone-stress-injury) (polarity support) (strength moderate) (rule R15) (basis pain-on-hop))))

(defrule REDFLAG::flag-bone-stress-night-pain
   "R15 | L9,L23 | Shin pain at night or at rest suggests a bone stress injury; running stops until imaging."
   (finding (name pain-location) (value posteromedial-tibia|anterior-shin))
   (finding (name night-or-rest-pain) (value yes))
   =>
   (assert (evidence (conclusion tibial-bone-stress-injury) (polarity support) (strength moderate) (rule R15) (basis night-or-rest-pain))))

(defrule REDFLAG::flag-bone-stress-focal-spot
   "X-bone-focal-spot | L23,L9 | Tenderness on one small spot of the tibia or fibula is the typical sign of a bone stress injury wherever the pain is felt."
   (finding (name focal-bone-tenderness) (value yes))
   =>
   (assert (evidence (conclusion tibial-bone-stress-injury) (polarity support) (strength moderate) (rule X-bone-focal-spot) (basis focal-bone-tenderness))))

(defrule REDFLAG::flag-bone-stress-calf-hop-night
   "X-bone-calf | L23 | Deep or outer calf pain that hopping provokes and that is also there at night or at rest fits a fibular or posterior tibial stress injury."
   (finding (name pain-location) (value deep-soleus|lateral-calf))
   (finding (name pain-on-hop) (value yes))
   (finding (name night-or-rest-pain) (value yes))
   =>
   (assert (evidence (conclusion tibial-bone-stress-injury) (polarity support) (strength moderate) (rule X-bone-calf) (basis pain-on-hop night-or-rest-pain))))

(defrule REDFLAG::flag-mtss-diffuse
   "R16 | L8 | Inner-shin pain tender along a long stretch of bone, with hopping and rest both known to be painless, fits shin splints."
   (threshold (name diffuse-tenderness-cm) (value ?t))
   (finding (name pain-location) (value posteromedial-tibia))
   (finding (name tibial-tenderness-length) (value ?l&:(>= ?l ?t)))
   (finding (name pain-on-hop) (value no))
   (finding (name night-or-rest-pain) (value no))
   (not (finding (name focal-bone-tenderness) (value yes)))
   =>
   (assert (evidence (conclusion mtss) (polarity support) (strength moderate) (rule R16))))

;;; ---------------------------------------------------------------- A9 S1 radiculopathy
;;; Three kinds of root deficit: reflex, sensation and motor (push-off weaker
;;; than pain explains). Each is an independent sign.

(defrule REDFLAG::flag-radiculopathy-back-reflex
   "R17 | L7 | Back or radiating pain with a reduced ankle reflex points to an irritated S1 root that needs medical review."
   (finding (name back-pain-or-radiating-leg-pain) (value yes))
   (finding (name ankle-reflex-reduced) (value yes))
   =>
   (assert (evidence (conclusion s1-radiculopathy) (polarity support) (strength moderate) (rule R17) (basis ankle-reflex-reduced))))

(defrule REDFLAG::flag-radiculopathy-back-sensory
   "R17 | L7 | Back or radiating pain with numbness of the outer foot points to an irritated S1 root that needs medical review."
   (finding (name back-pain-or-radiating-leg-pain) (value yes))
   (finding (name lateral-foot-sensory-loss) (value yes))
   =>
   (assert (evidence (conclusion s1-radiculopathy) (polarity support) (strength moderate) (rule R17) (basis lateral-foot-sensory-loss))))

(defrule REDFLAG::flag-radiculopathy-history-reflex
   "R17 | L7,S3 | A past back or hip problem with a reduced ankle reflex points to an irritated S1 root that needs medical review."
   (finding (name previous-hip-back-issues) (value yes))
   (finding (name ankle-reflex-reduced) (value yes))
   =>
   (assert (evidence (conclusion s1-radiculopathy) (polarity support) (strength moderate) (rule R17) (basis ankle-reflex-reduced))))

(defrule REDFLAG::flag-radiculopathy-history-sensory
   "R17 | L7,S3 | A past back or hip problem with numbness of the outer foot points to an irritated S1 root that needs medical review."
   (finding (name previous-hip-back-issues) (value yes))
   (finding (name lateral-foot-sensory-loss) (value yes))
   =>
   (assert (evidence (conclusion s1-radiculopathy) (polarity support) (strength moderate) (rule R17) (basis lateral-foot-sensory-loss))))

(defrule REDFLAG::flag-radiculopathy-motor
   "R17 | L7,L24 | Back or radiating pain with push-off weaker than pain explains is a motor root deficit that needs prompt review."
   (finding (name back-pain-or-radiating-leg-pain) (value yes))
   (finding (name weakness-not-explained-by-pain|plantarflexion-weakness) (value yes))
   =>
   (assert (evidence (conclusion s1-radiculopathy) (polarity support) (strength moderate) (rule R17) (basis motor-deficit))))

;;; ---------------------------------------------------------------- K10 neural mobility

(defrule REDFLAG::suspect-neural-mobility
   "R18 | S2,L7 | A slump test that brings on the calf pain and changes with neck movement, without a known nerve deficit, suggests a nerve that slides poorly."
   (finding (name slump-test) (value reproduces-calf-symptoms-with-differentiation))
   (not (finding (name ankle-reflex-reduced) (value yes)))
   (not (finding (name lateral-foot-sensory-loss) (value yes)))
   (not (finding (name weakness-not-explained-by-pain) (value yes)))
   (not (and (finding (name back-pain-or-radiating-leg-pain) (value yes))
             (finding (name plantarflexion-weakness) (value yes))))
   =>
   (assert (evidence (conclusion driver-neural-mobility) (polarity support) (strength moderate) (rule R18))))
