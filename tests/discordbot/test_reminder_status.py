"""What `/reminders status` says. The subject here lives in New York, not in Copenhagen like the
shipped one, so a default that comes from the subject is told apart from one written in code."""

import dataclasses

import pytest


@pytest.fixture(scope="module")
def facts(facts):
    return dataclasses.replace(
        facts, subject=dataclasses.replace(facts.subject, timezone="America/New_York")
    )


async def test_a_server_that_chose_no_time_zone_gets_the_subjects(env, channel, admin):
    status = (await admin.slash(channel, "reminders status")).response.content
    assert "at 09:00 (America/New_York)" in status
