"""The deterministic train/dev split."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from newsline.evaluation import SPLITS, filter_split, split_of

TRAIN_DIR = Path("/work/shared/data/tempeval3/train")


def test_rule_is_crc32_mod_5() -> None:
    for i in range(200):
        stem = f"doc_{i}"
        expected = "dev" if zlib.crc32(stem.encode()) % 5 == 0 else "train"
        assert split_of(stem) == expected


def test_pinned_values() -> None:
    # crc32("alpha") % 5 == 0, crc32("charlie") % 5 == 4, crc32("hotel") % 5 == 2
    assert split_of("alpha") == "dev"
    assert split_of("charlie") == "train"
    assert split_of("hotel") == "train"


def test_id_filename_and_path_agree() -> None:
    for stem in ("alpha", "charlie", "APX19990101.0001", "abc_0001"):
        expected = split_of(stem)
        assert split_of(f"{stem}.tml") == expected
        assert split_of(f"{stem}.tml.json") == expected
        assert split_of(f"/some/dir/{stem}.tml") == expected
        assert split_of(str(Path("corpus") / "TimeBank" / f"{stem}.tml")) == expected


def test_roughly_one_fifth_is_dev() -> None:
    names = [f"doc_{i}" for i in range(1000)]
    dev = sum(split_of(n) == "dev" for n in names)
    assert 150 <= dev <= 250


def test_filter_split_partitions_and_keeps_order() -> None:
    paths = [Path(f"/x/doc_{i}.tml") for i in range(50)]
    dev = filter_split(paths, "dev")
    train = filter_split(paths, "train")
    assert filter_split(paths, "all") == paths
    assert sorted(dev + train) == sorted(paths)
    assert not set(dev) & set(train)
    assert dev == [p for p in paths if p in set(dev)]
    every = {split: filter_split(paths, split) for split in SPLITS}  # each one is accepted
    assert every == {"all": paths, "train": train, "dev": dev}


def test_filter_split_rejects_unknown() -> None:
    with pytest.raises(ValueError):
        filter_split([Path("a.tml")], "test")


@pytest.mark.skipif(not TRAIN_DIR.is_dir(), reason="TempEval-3 train data not available")
def test_tempeval3_train_dev_size() -> None:
    paths = sorted(TRAIN_DIR.rglob("*.tml"))
    assert len(paths) == 256
    dev = filter_split(paths, "dev")
    assert len(dev) == 50  # 39 TimeBank + 11 AQUAINT, about 19.5%
    assert 40 <= len(dev) <= 65
