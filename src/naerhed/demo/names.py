# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Danish first and last names: common ones among older citizens and among care staff,
with the family names typical of Southern Jutland."""

from __future__ import annotations

import random

OLDER_WOMEN = [
    "Inger",
    "Kirsten",
    "Karen",
    "Hanne",
    "Grethe",
    "Else",
    "Ruth",
    "Bodil",
    "Birthe",
    "Jytte",
    "Anna",
    "Margrethe",
    "Erna",
    "Gerda",
    "Ellen",
    "Lis",
    "Tove",
    "Edith",
    "Dorthe",
    "Gudrun",
    "Agnes",
    "Ingrid",
    "Annelise",
    "Marie",
    "Helga",
    "Lilly",
    "Asta",
    "Solveig",
    "Meta",
    "Anni",
]
OLDER_MEN = [
    "Jens",
    "Poul",
    "Niels",
    "Hans",
    "Erik",
    "Knud",
    "Svend",
    "Jørgen",
    "Peter",
    "Ole",
    "Henning",
    "Bent",
    "Leif",
    "Arne",
    "Kaj",
    "Aage",
    "Holger",
    "Christian",
    "Johannes",
    "Finn",
    "Preben",
    "Verner",
    "Egon",
    "Frede",
    "Harald",
    "Thorvald",
    "Bjarne",
    "Mogens",
]
STAFF_WOMEN = [
    "Mette",
    "Louise",
    "Camilla",
    "Sara",
    "Julie",
    "Maria",
    "Anne",
    "Line",
    "Tina",
    "Pia",
    "Heidi",
    "Susanne",
    "Lene",
    "Charlotte",
    "Nanna",
    "Emma",
    "Ida",
    "Sofie",
    "Katrine",
    "Trine",
    "Malene",
    "Rikke",
    "Dorte",
    "Signe",
    "Fatima",
    "Aylin",
    "Mariam",
    "Joanna",
    "Agnieszka",
    "Christina",
    "Helle",
    "Gitte",
    "Marianne",
]
STAFF_MEN = ["Mads", "Jonas", "Rasmus", "Kasper", "Ahmad", "Morten", "Thomas", "Simon", "Frederik", "Ali"]
LAST_NAMES = [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Christiansen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Jessen",
    "Jacobsen",
    "Lorenzen",
    "Schmidt",
    "Lassen",
    "Callesen",
    "Nissen",
    "Clausen",
    "Brodersen",
    "Paulsen",
    "Iversen",
    "Bonde",
    "Hansen",
    "Jepsen",
    "Hinrichsen",
    "Skov",
    "Bruhn",
    "Frost",
    "Damm",
    "Lund",
]
RELATIONS = ["datter", "søn", "ægtefælle", "nabo", "barnebarn", "svigerdatter", "ven", "niece"]


def older_person(rng: random.Random, *, female: bool) -> tuple[str, str]:
    first = rng.choice(OLDER_WOMEN if female else OLDER_MEN)
    return first, rng.choice(LAST_NAMES)


def staff_person(rng: random.Random, *, female: bool) -> tuple[str, str]:
    first = rng.choice(STAFF_WOMEN if female else STAFF_MEN)
    return first, rng.choice(LAST_NAMES)


def relative_name(rng: random.Random, last_name: str, relation: str) -> str:
    female = rng.random() < 0.6
    first = rng.choice(STAFF_WOMEN if female else STAFF_MEN)
    family = relation in ("datter", "søn", "ægtefælle", "barnebarn")
    return f"{first} {last_name if family else rng.choice(LAST_NAMES)}"


def danish_phone(rng: random.Random) -> str:
    return f"+45 {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
