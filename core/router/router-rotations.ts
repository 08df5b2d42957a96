import { injectable } from 'inversify';
import type { Capability } from '../providers/capability.js';
import { WeightedRotation } from './weighted-rotation.js';

/** The router's weighted rotation of each capability, shared by the smart router and its cache-hit lane (CachedRoute), so both advance one sequence. */
@injectable()
export class RouterRotations {
  private readonly rotations = new Map<Capability, WeightedRotation>();

  of(capability: Capability): WeightedRotation {
    let rotation = this.rotations.get(capability);
    if (rotation === undefined) {
      rotation = new WeightedRotation();
      this.rotations.set(capability, rotation);
    }
    return rotation;
  }
}
