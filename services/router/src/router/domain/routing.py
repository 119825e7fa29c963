"""The routing domain: one tenant's queues, calls and agents, and the offers it decides.

Facts are applied as the service consumes them; each is idempotent and facts about calls or
agents the domain does not know are ignored. decide(now) looks only at what changed since the
last call (dirty agents, dirty calls, due timers, calls to review for a VIP priority), matching
through indexed pools of idle agents and lines of waiting calls: a decision costs O(log n),
whatever the number of agents and calls, plus one step per agent or line of calls skipped for
needs it does not meet. The domain never reads a clock: times are the callers'.

The parts: state.py (the state, and the changes facts and decisions share), agent_facts.py,
call_facts.py, matching.py (decisions), reads.py.
"""

from __future__ import annotations

from router.domain.agent_facts import AgentFacts
from router.domain.call_facts import CallFacts
from router.domain.matching import Matching
from router.domain.reads import Reads


class RoutingDomain(AgentFacts, CallFacts, Matching, Reads):
    pass
