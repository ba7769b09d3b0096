# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.

"""Policy defaults in code (the ``oslo.policy.policies`` entry point).

Rule names are those of contract 1.10; the defaults are role based (see
``base``) rather than Senlin's allow-all. Operators override rules in a
policy file (``[oslo_policy] policy_file``); ``tox -e genpolicy`` writes
a sample.
"""

import itertools

from senlin_lite.common.policies import actions
from senlin_lite.common.policies import base
from senlin_lite.common.policies import build_info
from senlin_lite.common.policies import nodes
from senlin_lite.common.policies import profiles


def list_rules():
    return list(itertools.chain(
        base.list_rules(),
        build_info.list_rules(),
        profiles.list_rules(),
        nodes.list_rules(),
        actions.list_rules(),
    ))
