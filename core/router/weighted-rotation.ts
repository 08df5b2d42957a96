/** A candidate for the first attempt and its effective weight (declared weight × health). */
export interface WeightedCandidate {
  id: string;
  weight: number;
}

/**
 * Smooth weighted round-robin (nginx's algorithm): every pick adds each candidate's weight to its
 * running score, takes the highest score and subtracts the total from it. Picks interleave evenly
 * (weights 5,1,1 give a a b a c a a) and the sequence is deterministic. One rotation per capability.
 */
export class WeightedRotation {
  private readonly scores = new Map<string, number>();

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
    for (const candidate of candidates) {
      if (candidate.weight <= 0) continue;
      const score = (this.scores.get(candidate.id) ?? 0) + candidate.weight;
      total += candidate.weight;
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return { best, bestScore, total };
  }

  /** Moves the rotation as `pick` does, from the `lead` just taken of these same candidates. */
  advance(candidates: readonly WeightedCandidate[], { best, bestScore, total }: RotationLead): void {
    for (const candidate of candidates) if (candidate.weight > 0) this.scores.set(candidate.id, (this.scores.get(candidate.id) ?? 0) + candidate.weight);
    if (best !== undefined) this.scores.set(best.id, bestScore - total);
  }
}

/** The candidate a pick would give now, with what moving the rotation to it needs. */
export interface RotationLead {
  best: WeightedCandidate | undefined;
  bestScore: number;
  total: number;
}
