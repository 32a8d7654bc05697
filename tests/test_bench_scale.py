"""The scale benchmark's settings (tools/bench_scale.py) are valid and varied: a benchmark of
settings the build refuses would time error messages."""

from __future__ import annotations

from conftest import ROOT

from sitedata.load import SiteData
from sitedata.settings import setting_folders
from tools.bench_scale import KINDS, NATIONS, generate


def test_generated_settings_load_and_cover_every_nation_and_kind(tmp_path):
    count = len(NATIONS) * len(KINDS)
    ids = generate(tmp_path, count)
    loaded = [SiteData.load(ROOT / "data", folder).setting for folder in setting_folders(tmp_path)]
    assert sorted(ids) == sorted(folder.id for folder in setting_folders(tmp_path))
    assert {(s.nation, s.kind) for s in loaded} == {(n, k) for n in NATIONS for k in KINDS}
    # Each is its own setting: no two share a name or an area.
    assert len({s.name for s in loaded}) == len({s.local_authority_area for s in loaded}) == count
    assert len({s.brand_colour for s in loaded}) > 1 and all(s.example for s in loaded)
