// Undo and redo of grid edits: each entry is the list of edits that reverses one action. Reactive,
// so buttons bound to `canUndo` / `canRedo` follow it.
import type { CellEdit } from './bindings';

export class History {
  #undos = $state.raw<CellEdit[][]>([]);
  #redos = $state.raw<CellEdit[][]>([]);

  get canUndo() {
    return this.#undos.length > 0;
  }
  get canRedo() {
    return this.#redos.length > 0;
  }

  /** A new action was done; `undo` reverses it. A new action forgets what could be redone. */
  done(undo: CellEdit[]) {
    this.#undos = [...this.#undos, undo];
    this.#redos = [];
  }
  takeUndo(): CellEdit[] | undefined {
    const last = this.#undos.at(-1);
    this.#undos = this.#undos.slice(0, -1);
    return last;
  }
  takeRedo(): CellEdit[] | undefined {
    const last = this.#redos.at(-1);
    this.#redos = this.#redos.slice(0, -1);
    return last;
  }
  /** An undo ran; `redo` reverses it. */
  undone(redo: CellEdit[]) {
    this.#redos = [...this.#redos, redo];
  }
  /** A redo ran; `undo` reverses it again. */
  redone(undo: CellEdit[]) {
    this.#undos = [...this.#undos, undo];
  }
}
