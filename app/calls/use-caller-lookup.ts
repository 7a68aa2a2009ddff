import { useCaller } from '@app/api/calls';
import { useDebouncedValue } from '@app/components/use-debounced-value';

// Fewer digits than a local landline cannot be anyone's number yet: no lookup while the agent is still typing.
const MIN_DIGITS = 7;

/** The caller behind a number as it is being typed, looked up once typing pauses. */
export function useCallerLookup(phone: string) {
  const typed = useDebouncedValue(phone.trim());
  const complete = (typed.match(/\d/g)?.length ?? 0) >= MIN_DIGITS ? typed : '';
  const caller = useCaller(complete);
  return { typed: complete !== '', caller: complete ? caller.data : undefined, loading: caller.isFetching };
}
