;;; 80-belief.clp — BELIEF: folds the evidence votes on each conclusion into
;;; one (belief) with MYCIN certainty factors, one vote per firing, so every
;;; step of the arithmetic is in the justification graph. A vote's cf is the
;;; (strength-cf) of its strength, negated when it argues against. Priors
;;; (population tendencies) only join a belief that support already backs.

(defmodule BELIEF (import MAIN ?ALL))

(deffunction BELIEF::cf-combine (?x ?y)
   "MYCIN combination of two certainty factors in [-1, 1]."
   (if (and (>= ?x 0.0) (>= ?y 0.0))
      then (return (+ ?x (* ?y (- 1.0 ?x)))))
   (if (and (< ?x 0.0) (< ?y 0.0))
      then (return (+ ?x (* ?y (+ 1.0 ?x)))))
   (bind ?d (- 1.0 (min (abs ?x) (abs ?y))))
   (if (<= ?d 0.0)
      then (return 0.0))                ; +1 against -1: total conflict
   (/ (+ ?x ?y) ?d))

(deffunction BELIEF::vote-cf (?polarity ?cf)
   "The signed certainty factor of one vote: negative when it argues against."
   (if (eq ?polarity oppose)
      then (- 0.0 ?cf)
      else ?cf))

;; Salience is control only: all support and oppose votes are folded in
;; before any prior, so a prior never meets a belief that is still forming.

(defrule BELIEF::open-belief
   "X-belief-open | - | The first support or oppose vote on a conclusion opens its belief at that vote's certainty."
   (declare (salience 10))
   ?e <- (evidence (conclusion ?c) (polarity ?p&support|oppose) (strength ?s))
   (not (belief (conclusion ?c)))
   (strength-cf (strength ?s) (cf ?f))
   =>
   (assert (belief (conclusion ?c) (cf (vote-cf ?p ?f)) (counted (fact-index ?e)))))

(defrule BELIEF::combine-vote
   "X-belief-combine | - | Fold one more support or oppose vote into its conclusion's belief with the MYCIN rule."
   (declare (salience 10))
   ?b <- (belief (conclusion ?c) (cf ?x) (counted $?done))
   ?e <- (evidence (conclusion ?c) (polarity ?p&support|oppose) (strength ?s))
   (test (not (member$ (fact-index ?e) ?done)))
   (strength-cf (strength ?s) (cf ?f))
   =>
   (modify ?b (cf (cf-combine ?x (vote-cf ?p ?f))) (counted ?done (fact-index ?e))))

(defrule BELIEF::combine-prior
   "X-belief-prior | - | Fold a population-tendency prior into a belief only when support votes already back that conclusion and outweigh the votes against it."
   ?b <- (belief (conclusion ?c) (cf ?x&:(> ?x 0.0)) (counted $?done))
   (exists (evidence (conclusion ?c) (polarity support)))
   ?e <- (evidence (conclusion ?c) (polarity prior) (strength ?s))
   (test (not (member$ (fact-index ?e) ?done)))
   (strength-cf (strength ?s) (cf ?f))
   =>
   (modify ?b (cf (cf-combine ?x ?f)) (counted ?done (fact-index ?e))))
