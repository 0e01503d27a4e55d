import { MemoryNodeStore } from '../src/memory-store.ts';
import { storeConformance } from './conformance.ts';

storeConformance('memory', { fresh: () => ({ store: new MemoryNodeStore(), close: () => {} }) });
