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

"""Writes that threads ask for at the same time, made together.

A thread that asks for a write while no write is under way makes it at
once, alone; its own write and those asked for meanwhile by other
threads, which wait, go together in the next one. Each caller still
returns only once its own item is written (or has failed), so nothing is
reported done before it is durable, and a lone writer waits for nothing.
The database makes one transaction of the batch instead of one per
item, as it makes one disk flush of concurrent commits.
"""

import threading


class _Waiter:
    __slots__ = ('item', 'done', 'result')

    def __init__(self, item):
        self.item = item
        self.done = False
        self.result = None


class GroupCommit:
    """Calls ``write_many(items)`` for the items of concurrent callers.

    ``write_many`` returns one result per item, in their order; a result
    that is an exception is raised to that item's caller. If
    ``write_many`` raises, every caller of the batch gets the exception.
    """

    def __init__(self, write_many):
        self._write_many = write_many
        self._cond = threading.Condition()
        self._waiting = []
        self._writing = False

    def __call__(self, item):
        """Write ``item`` (with others' if some wait); its result."""
        waiter = _Waiter(item)
        with self._cond:
            self._waiting.append(waiter)
            while self._writing and not waiter.done:
                self._cond.wait()
            if not waiter.done:
                # This thread writes for every waiter, itself included.
                self._writing = True
                batch, self._waiting = self._waiting, []
        if not waiter.done:
            self._write(batch)
        if isinstance(waiter.result, BaseException):
            raise waiter.result
        return waiter.result

    def _write(self, batch):
        results = None
        try:
            results = self._write_many([waiter.item for waiter in batch])
        except Exception as exc:
            results = [exc] * len(batch)
        finally:
            if results is None:  # interrupted: the waiters must not hang
                results = [RuntimeError('write interrupted')] * len(batch)
            self._hand_out(batch, results)

    def _hand_out(self, batch, results):
        with self._cond:
            for waiter, result in zip(batch, results):
                waiter.result = result
                waiter.done = True
            self._writing = False
            self._cond.notify_all()
