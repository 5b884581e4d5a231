from .imports import DirectoryImport
from .people import Department, DepartmentKind, Level, Person
from .talent import (
    NINE_BOX_LABELS,
    Candidate,
    CandidateEvent,
    CandidateStatus,
    Competency,
    CompetencyRating,
    FlightRisk,
    JoinedBy,
    PersonFlightRisk,
    Rating,
    TalentRating,
)
from .voice import OwnWords, Relocation, SelfAssessment, Travel

__all__ = [
    "NINE_BOX_LABELS",
    "Candidate",
    "CandidateEvent",
    "CandidateStatus",
    "Competency",
    "CompetencyRating",
    "Department",
    "DirectoryImport",
    "DepartmentKind",
    "FlightRisk",
    "JoinedBy",
    "Level",
    "OwnWords",
    "Person",
    "PersonFlightRisk",
    "Rating",
    "Relocation",
    "SelfAssessment",
    "TalentRating",
    "Travel",
]
