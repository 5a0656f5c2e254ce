"""kg.extract imports jieba without pkg_resources and jieba-rs without the default tokenizer its package
builds; both still work as imported plainly afterwards."""
import subprocess
import sys

import pytest

SCRIPT = """
import sys
import kg.extract
from kg.extract import cutter
print("pkg_resources" in sys.modules, "rjieba" in sys.modules, cutter.rjieba is sys.modules.get("rjieba.rjieba"))
import jieba
print(jieba.get_module_res(jieba.DEFAULT_DICT_NAME).read(20) == open(jieba.os.path.join(jieba.os.path.dirname(jieba.__file__), "dict.txt"), "rb").read(20))
import rjieba
print(rjieba.Jieba is cutter.rjieba.Jieba, rjieba.cut("你好世界") == ["你好", "世界"])
"""


def test_jieba_and_jieba_rs_are_imported_without_their_unused_work():
    pytest.importorskip("rjieba")
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False", "True", "True", "True", "True"], done.stdout + done.stderr
