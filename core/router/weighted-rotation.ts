/** A candidate for the first attempt and its effective weight (declared weight × health). */
export interface WeightedCandidate {
  id: string;
  weight: number;
}

/** One candidate's running score, kept in place so a pick reads each candidate's score once. */
interface Score {
  value: number;
}

/**
 * Smooth weighted round-robin (nginx's algorithm): every pick adds each candidate's weight to its
 * running score, takes the highest score and subtracts the total from it. Picks interleave evenly
 * (weights 5,1,1 give a a b a c a a) and the sequence is deterministic. One rotation per capability.
 */
export class WeightedRotation {
  private readonly scores = new Map<string, Score>();

  /** The next candidate; ties go to the earlier candidate in the list (the better priority). */
  pick(candidates: readonly WeightedCandidate[]): string | undefined {
    const lead = this.lead(candidates);
    this.advance(candidates, lead);
    return lead.best?.id;
  }

  /** What `pick` would give now (`best`), to be confirmed with `advance` on the same candidates before the rotation moves. */
  lead(candidates: readonly WeightedCandidate[]): RotationLead {
    let total = 0;
    let best: WeightedCandidate | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    const scores: Score[] = [];
    for (const candidate of candidates) {
      if (candidate.weight <= 0) continue;
      const score = this.scoreOf(candidate.id);
      scores.push(score);
      total += candidate.weight;
      if (score.value + candidate.weight > bestScore) {
        best = candidate;
        bestScore = score.value + candidate.weight;
      }
    }
    return { best, bestScore, total, scores };
  }

  /** Moves the rotation as `pick` does, from the `lead` just taken of these same candidates. */
  advance(candidates: readonly WeightedCandidate[], { best, bestScore, total, scores }: RotationLead): void {
    let index = 0;
    for (const candidate of candidates) {
      if (candidate.weight <= 0) continue;
      scores[index]!.value += candidate.weight;
      index += 1;
    }
    if (best !== undefined) this.scoreOf(best.id).value = bestScore - total;
  }

  private scoreOf(id: string): Score {
    let score = this.scores.get(id);
    if (score === undefined) {
      score = { value: 0 };
      this.scores.set(id, score);
    }
    return score;
  }
}

/** The candidate a pick would give now, with what moving the rotation to it needs. */
export interface RotationLead {
  best: WeightedCandidate | undefined;
  bestScore: number;
  total: number;
  /** The running scores of the candidates with a weight, in their order. */
  scores: Score[];
}
