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

"""Writes asked for at the same time, made together (group_commit)."""

import threading

from senlin_lite.db.api import group_commit
from senlin_lite.tests import base


class GroupCommitTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.batches = []
        self.entered = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def _write_many(self, items):
        self.batches.append(list(items))
        self.entered.set()
        self.release.wait(5)
        return [item * 10 if item >= 0 else ValueError(item)
                for item in items]

    def _call_in_thread(self, writer, item, results):
        def run():
            try:
                results[item] = writer(item)
            except Exception as exc:
                results[item] = exc
        thread = threading.Thread(target=run)
        thread.start()
        return thread

    def _wait_for(self, condition):
        for _ in range(500):
            if condition():
                return
            threading.Event().wait(0.01)
        self.fail('condition not met')

    def test_a_lone_caller_writes_its_item_at_once(self):
        writer = group_commit.GroupCommit(self._write_many)
        self.assertEqual(30, writer(3))
        self.assertEqual([[3]], self.batches)

    def _write_behind_a_write(self, items, while_held=None):
        """Item 1's write held while ``items`` are asked for; results.

        ``while_held(results)`` runs once all of them wait.
        """
        writer = group_commit.GroupCommit(self._write_many)
        self.release.clear()
        results = {}
        first = self._call_in_thread(writer, 1, results)
        self.assertTrue(self.entered.wait(5))
        others = [self._call_in_thread(writer, item, results)
                  for item in items]
        self._wait_for(lambda: len(writer._waiting) == len(items))
        if while_held is not None:
            while_held(results)
        self.release.set()
        for thread in [first] + others:
            thread.join(5)
        return results

    def test_items_asked_for_during_a_write_go_together_in_the_next(self):
        # Nothing is answered before it is written.
        results = self._write_behind_a_write(
            (2, 3, 4), while_held=lambda results: self.assertEqual(
                {}, results))
        self.assertEqual([[1], [2, 3, 4]],
                         [self.batches[0], sorted(self.batches[1])])
        self.assertEqual({1: 10, 2: 20, 3: 30, 4: 40}, results)

    def test_an_item_error_goes_to_its_caller_only(self):
        results = self._write_behind_a_write((-2, 3))
        self.assertEqual((10, 30), (results[1], results[3]))
        self.assertIsInstance(results[-2], ValueError)

    def test_a_failed_write_fails_its_callers_and_not_the_next(self):
        failures = [RuntimeError('database gone')]

        def write_many(items):
            if failures:
                raise failures.pop()
            return [item for item in items]

        writer = group_commit.GroupCommit(write_many)
        self.assertRaises(RuntimeError, writer, 1)
        self.assertEqual(2, writer(2))

    def test_callers_are_not_left_waiting_when_the_writer_is_stopped(self):
        def write_many(items):
            raise KeyboardInterrupt()

        writer = group_commit.GroupCommit(write_many)
        self.assertRaises(KeyboardInterrupt, writer, 1)
        # The next caller writes: the first did not keep the turn.
        writer._write_many = lambda items: items
        self.assertEqual(2, writer(2))
