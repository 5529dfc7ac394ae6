"""A finished case put aside while files dropped on it are sorted for the next vehicle, and
brought back when none of them could be used (a damaged file dropped by mistake does not
wipe the verdict from the screen). The case panel, the case model and the message bar
are the parts it reads and sets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vincheck.findings import CaseResult
from vincheck.gui.case_model import CaseModel
from vincheck.gui.case_panel import CasePanel
from vincheck.gui.message_bar import MessageBar
from vincheck.inspection import CaseInput


@dataclass
class FinishedCase:
    """What the screen showed of a finished case: its inputs, result, record, case file,
    how its check ended, the progress line and the messages."""

    inputs: CaseInput
    result: CaseResult
    result_case: CaseInput | None
    result_settings: str | None
    record_id: int | None
    case_path: Path | None
    outcome: str
    progress: tuple[float, str]
    messages: list[tuple[str, str]]

    @classmethod
    def take(cls, model: CaseModel, panel: CasePanel, messages: MessageBar) -> FinishedCase:
        """The finished case on screen (``model.result`` is not None)."""
        assert model.result is not None
        return cls(panel.case_input(), model.result, model.result_case, model.result_settings,
                   model.record_id, model.case_path, model.outcome,
                   (panel.progress.value() / 1000, panel.progress_label.text()),
                   list(messages.messages))

    def restore(self, model: CaseModel, panel: CasePanel, messages: MessageBar,
                notes: list[str]) -> None:
        """Show the case again as it was, with ``notes`` (why the dropped files were not
        used) above its own messages."""
        panel.set_case(self.inputs)
        model.set_result(self.result, self.result_case, settings_key=self.result_settings)
        model.record_id = self.record_id
        model.case_path = self.case_path
        model.outcome = self.outcome
        panel.set_progress(*self.progress)
        messages.clear_messages()
        for level, text in reversed(self.messages):
            messages.add(text, level)
        for text in notes:
            messages.add(text)
