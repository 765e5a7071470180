"""A real browser phone (Debian's Chromium, a phone's screen and touch): it picks its team,
answers, reloads and keeps its place, then follows the facilitator through all six kinds."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.async_api import async_playwright, expect

from nrgame.phones.addresses import LOOPBACK
from nrgame.phones.server import PhoneServer
from nrgame.usecases.phone_answers import PhoneRoom
from nrgame.usecases.run_room import RecordedRoom
from tests.system import require

CHROMIUM = Path("/usr/bin/chromium")
WAIT = 20_000
"""Milliseconds any one step may take."""


async def test_a_phone_answers_reloads_and_keeps_its_place(recorded: RecordedRoom) -> None:
    require(["chromium"], lambda: CHROMIUM.exists() and shutil.which("chromium") is not None)
    room = PhoneRoom(recorded)
    server = PhoneServer(room, LOOPBACK)
    address = await server.start()
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=str(CHROMIUM))
            phone = await browser.new_context(**playwright.devices["Pixel 7"])
            page = await phone.new_page()
            page.set_default_timeout(WAIT)
            await page.goto(address)
            await page.get_by_role("button", name="Hérons").tap()
            await expect(page.locator("#who")).to_have_text("équipe Hérons")
            await page.get_by_role("button", name="C ● 4,4 %").tap()
            confirmation = page.locator("#confirmation")
            await expect(confirmation).to_have_text("Réponse enregistrée : 4,4 %")
            (answer,) = recorded.store.answers(recorded.session_id)
            assert (answer.team, answer.response) == ("Hérons", 2)

            await page.reload()
            await expect(confirmation).to_have_text("Réponse enregistrée : 4,4 %")
            await expect(page.locator("#who")).to_have_text("équipe Hérons")
            assert room.joined == 1 and room.answered(0) == 1

            recorded.reveal()
            await server.refresh()
            await expect(page.get_by_text("La bonne réponse : 4,4 %")).to_be_visible()
            recorded.room.advance()
            await server.refresh()
            await expect(page.get_by_role("heading")).to_have_text("Lesquels sont des terminaux ?")
            await page.get_by_role("button", name="A ▲ Smartphone").tap()
            await page.get_by_role("button", name="C ● Ordinateur portable").tap()
            await page.get_by_role("button", name="Valider").tap()
            await expect(confirmation).to_contain_text("Smartphone")

            async def next_question() -> None:
                recorded.reveal()
                recorded.room.advance()
                await server.refresh()
                await expect(confirmation).to_have_count(0)

            await next_question()
            await page.get_by_role("button", name="F ● Faux").tap()
            await expect(confirmation).to_have_text("Réponse enregistrée : Faux")
            await next_question()
            await page.locator("#nombre").fill("11,5")
            await page.get_by_role("button", name="Valider").tap()
            await expect(confirmation).to_be_visible()
            await next_question()
            for item in ("Réseaux", "Centres de données", "Terminaux"):
                await page.get_by_role("button", name=item).tap()
            await page.get_by_role("button", name="Valider").tap()
            await expect(confirmation).to_be_visible()
            await next_question()
            for left in ("DEEE", "RGAA", "ACV"):
                select = page.get_by_role("combobox", name=left)
                wanted = {"DEEE": "Déchets", "RGAA": "Référentiel", "ACV": "Analyse"}[left]
                label = next(
                    text
                    for text in await select.locator("option").all_inner_texts()
                    if wanted in text
                )
                await select.select_option(label=label)
            await page.get_by_role("button", name="Valider").tap()
            await expect(confirmation).to_be_visible()
            await browser.close()
    finally:
        await server.stop()
    assert [a.response for a in recorded.phone_answers()] == [
        2,
        frozenset({0, 2}),
        False,
        11.5,
        (0, 1, 2),
        (0, 1, 2),
    ]
    assert [e.score for e in recorded.room.entries_at(5)] == [1.0]
