// The state of a form that runs one backend operation at a time (an export, an import, writing
// an identity card): the errors of the form's own checks, whether the operation runs, and the
// result or the error of the last run.

import { useState } from 'preact/hooks';
import { focusFirstError } from './components/panels';
import type { ShownError } from './types';
import type { FieldErrors } from './validation';

export function useTask<T>() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  /**
   * Shows the errors of the checks the form makes before sending, and moves the focus to the
   * input of the first one (`inputs` maps each checked path to its input's id, in form order).
   * Returns true when every check passed.
   */
  const check = (local: FieldErrors, inputs: Record<string, string>): boolean => {
    setErrors(local);
    return !focusFirstError(local, inputs);
  };

  /**
   * Runs the operation: the last result and error are cleared, `running` holds until it ends,
   * and then its result or its error is kept. `after` runs once the result is kept, before
   * `running` ends. Resolves to the result, or to null when the operation failed.
   */
  const run = async (work: () => Promise<T>, after?: (result: T) => void | Promise<void>): Promise<T | null> => {
    setRunning(true);
    setResult(null);
    setError(null);
    try {
      const done = await work();
      setResult(done);
      // A synchronous `after` ends in the same turn as the result, as if written in place.
      const more = after?.(done);
      if (more) await more;
      return done;
    } catch (err) {
      setError(err as ShownError);
      return null;
    } finally {
      setRunning(false);
    }
  };

  return { errors, running, result, error, check, run };
}
