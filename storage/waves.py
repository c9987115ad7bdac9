"""Reminder waves: one record per "remind these suppliers" decision, with its progress.

The wave remembers who triggered it and what was selected; its mails are ordinary outbox items with
``wave_id`` set (dedupe key per wave × supplier), so progress is counted from the outbox rather than
kept as a second, drifting counter.
"""

from __future__ import annotations

from collections.abc import Iterable

from storage.campaigns import CampaignRepo
from storage.codec import decode_wave, encode_wave
from storage.core import StoreCore
from storage.errors import RecordNotFound
from storage.outbox import OutboxRepo
from storage.records import Actor, AuditEntry, JsonScalar, OutboxState, Wave, WaveProgress
from storage.tables import Collection


class WaveRepo:
    def __init__(self, core: StoreCore, campaigns: CampaignRepo, outbox: OutboxRepo) -> None:
        self._core = core
        self._campaigns = campaigns
        self._outbox = outbox
        self._table = core.register(Collection("waves", encode_wave, decode_wave))

    def reindex(self) -> None:
        """Waves are few; lookups by campaign scan them."""

    def create(self, campaign_id: int, actor: Actor, selection: str, supplier_ids: Iterable[int]) -> Wave:
        with self._core.writing():
            self._campaigns.get(campaign_id)
            chosen = tuple(dict.fromkeys(supplier_ids))
            wave = Wave(
                id=self._table.allocate_id(),
                campaign_id=campaign_id,
                triggered_by=actor,
                selection=selection,
                supplier_ids=chosen,
                planned=len(chosen),
                created_at=self._core.clock.now(),
            )
            self._table.put(wave.id, wave)
            details: dict[str, JsonScalar] = {
                "campaign_id": campaign_id,
                "selection": selection,
                "planned": wave.planned,
            }
            self._core.add_audit(
                AuditEntry(wave.created_at, actor, "wave.create", f"wave:{wave.id}", details)
            )
            return wave

    def get(self, wave_id: int) -> Wave:
        wave = self._table.get(wave_id)
        if wave is None:
            raise RecordNotFound(f"no reminder wave with id {wave_id}")
        return wave

    def for_campaign(self, campaign_id: int) -> tuple[Wave, ...]:
        with self._core.lock:
            return tuple(sorted((w for w in self._table if w.campaign_id == campaign_id), key=lambda w: w.id))

    def progress(self, wave_id: int) -> WaveProgress:
        wave = self.get(wave_id)
        counts = self._outbox.counts(wave_id)
        return WaveProgress(
            planned=wave.planned,
            queued=counts[OutboxState.QUEUED],
            sending=counts[OutboxState.SENDING],
            sent=counts[OutboxState.SENT],
            failed=counts[OutboxState.FAILED],
        )
