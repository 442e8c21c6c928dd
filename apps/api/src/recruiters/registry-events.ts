import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * Tells listeners (the snapshot builder) that a registry changed after the change committed.
 * In-process only: with several API instances each one rebuilds from the database on its own timer.
 */
@Injectable()
export class RegistryEvents extends EventEmitter {
  changed(jurisdiction: string): void {
    this.emit('changed', jurisdiction);
  }
}
