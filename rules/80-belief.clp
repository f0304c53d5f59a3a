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

;; Salience is control only: dependent votes are set aside first, then all
;; support and oppose votes are folded in before any prior, so a prior never
;; meets a belief that is still forming.

;; Two votes on one conclusion that rest on the same sign (a shared token in
;; their basis: a finding, or one source observation restated) are one piece
;; of evidence. The stronger counts (the earlier when equally strong); the
;; other is kept in the graph as "not counted". Votes with disjoint bases are
;; independent and each counts, even when the same rule made them.
(defrule BELIEF::set-aside-dependent-vote
   "X-belief-dependent | - | A vote that rests on the same sign as a stronger or earlier vote for the same conclusion is not counted again."
   (declare (salience 20))
   ?e <- (evidence (conclusion ?c) (polarity ?p) (strength ?s) (basis $?b&:(> (length$ ?b) 0)))
   ?k <- (evidence (conclusion ?c) (polarity ?p) (strength ?s2) (basis $? ?t&:(member$ ?t ?b) $?))
   (test (neq ?e ?k))
   (strength-cf (strength ?s) (cf ?f))
   (strength-cf (strength ?s2) (cf ?f2))
   (test (or (> ?f2 ?f) (and (= ?f2 ?f) (< (fact-index ?k) (fact-index ?e)))))
   (not (dependent (vote ?v&:(= ?v (fact-index ?e)))))
   =>
   (assert (dependent (conclusion ?c) (vote (fact-index ?e)) (kept (fact-index ?k)) (on ?t))))

(defrule BELIEF::open-belief
   "X-belief-open | - | The first support or oppose vote on a conclusion opens its belief at that vote's certainty."
   (declare (salience 10))
   ?e <- (evidence (conclusion ?c) (polarity ?p&support|oppose) (strength ?s))
   (not (dependent (vote ?v&:(= ?v (fact-index ?e)))))
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
   (not (dependent (vote ?v&:(= ?v (fact-index ?e)))))
   (strength-cf (strength ?s) (cf ?f))
   =>
   (modify ?b (cf (cf-combine ?x (vote-cf ?p ?f))) (counted ?done (fact-index ?e))))

(defrule BELIEF::combine-prior
   "X-belief-prior | - | Fold a population-tendency prior into a belief only when support votes already back that conclusion and outweigh the votes against it."
   ?b <- (belief (conclusion ?c) (cf ?x&:(> ?x 0.0)) (counted $?done))
   (exists (evidence (conclusion ?c) (polarity support)))
   ?e <- (evidence (conclusion ?c) (polarity prior) (strength ?s))
   (test (not (member$ (fact-index ?e) ?done)))
   (not (dependent (vote ?v&:(= ?v (fact-index ?e)))))
   (strength-cf (strength ?s) (cf ?f))
   =>
   (modify ?b (cf (cf-combine ?x ?f)) (counted ?done (fact-index ?e))))

;; A tissue or driver belief whose support votes all come from rules that
;; cite only expert opinion (the clinic pages and blogs) is held at the
;; opinion ceiling (thresholds.tsv opinion-ceiling-cf): opinion agreeing with
;; itself is not proof. Runs after every vote and prior has been folded in.
(defrule BELIEF::hold-opinion-belief-at-ceiling
   "X-belief-ceiling | - | A tissue or driver belief that rests only on expert-opinion rules is held at the documented opinion ceiling."
   (declare (salience -5))
   ?b <- (belief (conclusion ?c) (cf ?x))
   (condition (id ?c) (tier T|K))
   (threshold (name opinion-ceiling-cf) (value ?m&:(< ?m ?x)))
   (not (and (evidence (conclusion ?c) (polarity support) (rule ?r))
             (not (opinion-rule (rule ?r)))))
   =>
   (modify ?b (cf ?m)))
