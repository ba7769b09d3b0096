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

"""Start-up objects left out of garbage collection."""

import gc
import weakref

from senlin_lite.common import service
from senlin_lite.tests import base


class Node:
    """A stand-in for any start-up object: weak-referenceable."""


class FreezeStartupObjectsTest(base.TestCase):

    def setUp(self):
        super().setUp()
        # The rest of the test run must not inherit a frozen heap.
        self.addCleanup(gc.unfreeze)

    @staticmethod
    def _cycle():
        first, second = Node(), Node()
        first.peer, second.peer = second, first
        return first

    @staticmethod
    def _tracked(obj):
        """Whether a collection would walk ``obj`` (identity, not ==)."""
        return any(tracked is obj for tracked in gc.get_objects())

    def test_live_objects_are_left_out_of_collections(self):
        kept = self._cycle()
        self.assertTrue(self._tracked(kept))
        service.freeze_startup_objects()
        self.assertGreater(gc.get_freeze_count(), 0)
        self.assertFalse(self._tracked(kept))

    def test_startup_garbage_is_collected_not_kept(self):
        gone = weakref.ref(self._cycle())
        self.assertIsNotNone(gone())  # only a cycle holds it
        service.freeze_startup_objects()
        self.assertIsNone(gone())

    def test_objects_made_later_are_still_collected(self):
        service.freeze_startup_objects()
        later = weakref.ref(self._cycle())
        gc.collect()
        self.assertIsNone(later())
