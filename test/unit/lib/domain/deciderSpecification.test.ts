import { deciderSpecification } from '../../../../lib/domain/deciderSpecification';
import { tallyDecider } from '../../../support/tallyDomain';

const spec = deciderSpecification(tallyDecider);
const opened = { type: 'TallyOpened', data: { name: 't' } } as const;

describe('deciderSpecification', () => {
  it('passes when the command produces exactly the expected events', () => {
    spec
      .given([opened])
      .when({ type: 'Increment', by: 2 })
      .then([{ type: 'TallyIncremented', data: { by: 2 } }]);
  });

  it('fails with both event lists when the events differ', () => {
    expect(() => spec.given([opened]).when({ type: 'Increment', by: 2 }).then([])).toThrow(/events differ/);
  });

  it('matches a rejection by error kind', () => {
    spec.given([]).when({ type: 'Close' }).thenThrows('invalid_transition');
  });

  it('fails when a rejection was expected but events were produced', () => {
    expect(() => spec.given([opened]).when({ type: 'Close' }).thenThrows('invalid_transition')).toThrow(
      /expected the command to be rejected/,
    );
  });

  it('fails when the command is rejected for another reason than expected', () => {
    expect(() =>
      spec.given([opened]).when({ type: 'Increment', by: 0 }).thenThrows('invalid_transition'),
    ).toThrow(/not as expected/);
  });
});
