;;; 60-tendency.clp — TENDENCY: population tendencies (age, earlier strain,
;;; sex). They only add a small `prior` vote, which BELIEF folds into a
;;; conclusion that examination findings already support, and (advice) about
;;; what to test early. They never create a conclusion. Sex patterns name
;;; male or female literally, so an unknown sex matches nothing.

(defmodule TENDENCY (import MAIN ?ALL))

;;; ---------------------------------------------------------------- R54 age and earlier strain

(defrule TENDENCY::weigh-previous-calf-strain
   "R54 | L11 | An earlier calf strain is one of the strongest risk factors for another, so a supported strain gets a small prior."
   (finding (name previous-calf-strain) (value yes))
   =>
   (assert (evidence (conclusion gastrocnemius-strain) (polarity prior) (strength prior) (rule R54)))
   (assert (evidence (conclusion soleus-strain-overload) (polarity prior) (strength prior) (rule R54))))

(defrule TENDENCY::weigh-older-age
   "R54 | L11 | Older runners strain their calves more often, so a supported strain gets a small prior."
   (threshold (name older-age-years) (value ?t))
   (finding (name age) (value ?a&:(>= ?a ?t)))
   =>
   (assert (evidence (conclusion gastrocnemius-strain) (polarity prior) (strength prior) (rule R54)))
   (assert (evidence (conclusion soleus-strain-overload) (polarity prior) (strength prior) (rule R54))))

(defrule TENDENCY::ask-capacity-after-previous-strain
   "R54 | L11 | After an earlier strain the calf must be rebuilt in full, so measure heel-raise capacity early."
   (finding (name previous-calf-strain) (value yes))
   (not (finding (name single-leg-heel-raise-reps)))
   =>
   (assert (advice (finding single-leg-heel-raise-reps) (because driver-calf-capacity))))

(defrule TENDENCY::ask-capacity-at-older-age
   "R54 | L11,L17 | Capacity falls with age and older runners re-injure more, so measure heel-raise capacity early."
   (threshold (name older-age-years) (value ?t))
   (finding (name age) (value ?a&:(>= ?a ?t)))
   (not (finding (name single-leg-heel-raise-reps)))
   =>
   (assert (advice (finding single-leg-heel-raise-reps) (because driver-calf-capacity))))

;;; ---------------------------------------------------------------- R55/R56 male

(defrule TENDENCY::weigh-male-tendency
   "R55 | S4 | One clinic reports a weak foot more often in men; a small prior only, not a finding."
   (finding (name sex) (value male))
   =>
   (assert (evidence (conclusion driver-weak-foot) (polarity prior) (strength prior) (rule R55))))

(defrule TENDENCY::ask-foot-strength-early-male
   "R55 | S4 | In men, test small foot muscle strength early; a population tendency that only orders the tests."
   (finding (name sex) (value male))
   (not (finding (name intrinsic-foot-strength-deficit)))
   =>
   (assert (advice (finding intrinsic-foot-strength-deficit) (because driver-weak-foot))))

(defrule TENDENCY::ask-midfoot-endurance-early-male
   "R55 | S4 | In men, test midfoot endurance early; a population tendency that only orders the tests."
   (finding (name sex) (value male))
   (not (finding (name midfoot-stance-endurance-deficit)))
   =>
   (assert (advice (finding midfoot-stance-endurance-deficit) (because driver-weak-foot))))

(defrule TENDENCY::ask-hamstring-strength-early-male
   "R56 | S4 | In men who sit a lot for work, test hamstring strength early; a population tendency that only orders the tests."
   (finding (name sex) (value male))
   (finding (name seated-occupation) (value yes))
   (not (finding (name hamstring-weakness)))
   =>
   (assert (advice (finding hamstring-weakness) (because driver-posterior-chain-underuse))))

(defrule TENDENCY::ask-load-sharing-early-male
   "R56 | S4 | In men who sit a lot for work, check early whether the glutes and hamstrings share the load with the quads; a tendency that only orders the tests."
   (finding (name sex) (value male))
   (finding (name seated-occupation) (value yes))
   (not (finding (name quad-dominant-pattern)))
   =>
   (assert (advice (finding quad-dominant-pattern) (because driver-posterior-chain-underuse))))

(defrule TENDENCY::weigh-male-seated-work
   "R56 | S4 | One clinic ties weaker hamstrings and glutes to men who sit a lot for work; a small prior only, not a finding."
   (finding (name sex) (value male))
   (finding (name seated-occupation) (value yes))
   =>
   (assert (evidence (conclusion driver-posterior-chain-underuse) (polarity prior) (strength prior) (rule R56))))

;;; ---------------------------------------------------------------- R57 female

(defrule TENDENCY::weigh-female-tendency
   "R57 | S4 | One clinic reports glute and ankle-spring weak links more often in women who have not trained those qualities; a small prior only, not a finding."
   (finding (name sex) (value female))
   (not (finding (name targeted-glute-ankle-spring-training) (value yes)))
   =>
   (assert (evidence (conclusion driver-hip-glute-control) (polarity prior) (strength prior) (rule R57)))
   (assert (evidence (conclusion driver-ankle-stability-reactive-strength) (polarity prior) (strength prior) (rule R57))))

(defrule TENDENCY::ask-glute-activation-early-female
   "R57 | S4 | In women not specifically trained for it, test glute activation early; a population tendency that only orders the tests."
   (finding (name sex) (value female))
   (not (finding (name targeted-glute-ankle-spring-training) (value yes)))
   (not (finding (name glute-activation-poor)))
   =>
   (assert (advice (finding glute-activation-poor) (because driver-hip-glute-control))))

(defrule TENDENCY::ask-hip-drop-early-female
   "R57 | S4 | In women not specifically trained for it, watch the hip on a single-leg squat early; a population tendency that only orders the tests."
   (finding (name sex) (value female))
   (not (finding (name targeted-glute-ankle-spring-training) (value yes)))
   (not (finding (name single-leg-squat-hip-drop)))
   =>
   (assert (advice (finding single-leg-squat-hip-drop) (because driver-hip-glute-control))))

(defrule TENDENCY::ask-ankle-stability-early-female
   "R57 | S4 | In women not specifically trained for it, test ankle stability early; a population tendency that only orders the tests."
   (finding (name sex) (value female))
   (not (finding (name targeted-glute-ankle-spring-training) (value yes)))
   (not (finding (name ankle-instability)))
   =>
   (assert (advice (finding ankle-instability) (because driver-ankle-stability-reactive-strength))))

(defrule TENDENCY::ask-plyometric-spring-early-female
   "R57 | S4 | In women not specifically trained for it, test hopping spring early; a population tendency that only orders the tests."
   (finding (name sex) (value female))
   (not (finding (name targeted-glute-ankle-spring-training) (value yes)))
   (not (finding (name plyometric-ability-reduced)))
   =>
   (assert (advice (finding plyometric-ability-reduced) (because driver-ankle-stability-reactive-strength))))
