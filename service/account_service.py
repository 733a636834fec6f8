"""One's own data as a whole: who am I, export everything, delete everything.

Deleting an account removes, in one transaction, its interviews with every turn and code result,
its résumés, its practice answers, its login tokens and throttle records, and the account itself
(in local mode the implicit user stays, empty). SQLite overwrites deleted rows
(``secure_delete``) and the write-ahead log is truncated afterwards, so nothing of it is left in
the database files.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select

from service.interview_store import InterviewStore
from service.practice_store import PracticeDatabase
from service.schemas import AuthMode, Export, ExportedDraft, UserOut
from service.storage.tables import (
    LOCAL_USER_ID,
    AttemptRow,
    DraftRow,
    InterviewRow,
    PracticeRow,
    ResumeRow,
    TokenRow,
    TurnRow,
    UserRow,
)
from service.views import practice_record, resume_out, transcript


class AccountService:
    def __init__(self, store: InterviewStore, mode: AuthMode) -> None:
        self.store, self.mode = store, mode

    def me(self, user: UserRow) -> UserOut:
        return UserOut(id=user.id, username=user.username, created_at=user.created_at,
                       mode=self.mode)

    def export(self, user: UserRow) -> Export:
        store = self.store
        interviews = [transcript(row, store.turns(row.id))
                      for row in store.list_interviews(user.id, limit=None)]
        return Export(exported_at=datetime.now(UTC), user=self.me(user),
                      resumes=[resume_out(r) for r in store.list_resumes(user.id)],
                      interviews=interviews,
                      practice=[practice_record(p) for p in store.list_practice(user.id, None)],
                      drafts=[ExportedDraft(scope=d.scope, problem_id=d.problem_id, code=d.code,
                                            updated_at=d.updated_at)
                              for d in PracticeDatabase(store.db).drafts(user.id)])

    def delete_everything(self, user: UserRow) -> None:
        with self.store.db.sessions.begin() as session:
            interviews = select(InterviewRow.id).where(InterviewRow.user_id == user.id)
            session.execute(delete(TurnRow).where(TurnRow.interview_id.in_(interviews)))
            session.execute(delete(InterviewRow).where(InterviewRow.user_id == user.id))
            session.execute(delete(ResumeRow).where(ResumeRow.user_id == user.id))
            session.execute(delete(PracticeRow).where(PracticeRow.user_id == user.id))
            session.execute(delete(DraftRow).where(DraftRow.user_id == user.id))
            session.execute(delete(TokenRow).where(TokenRow.user_id == user.id))
            session.execute(delete(AttemptRow).where(AttemptRow.key == f"user:{user.username}"))
            if user.id != LOCAL_USER_ID:
                session.execute(delete(UserRow).where(UserRow.id == user.id))
        self.store.db.scrub()
