"""A dozen questions of our own for the core's tests (the full eval set lives in evals/gold.jsonl).
Each answerable one names the files that hold the answer; the first cited file must be one."""

ANSWERABLE = [
    ("Who said the US is prepared to meet North Korea without preconditions?", {"000_6a58d090d41857f6.txt", "002_fd51fa255f66e0e6.txt"}),
    ("What is the name of the new hypersonic missile North Korea tested?", {"000_6a58d090d41857f6.txt"}),
    ("What did Jenny Town of the Stimson Center say about the North's strategy?", {"002_fd51fa255f66e0e6.txt"}),
    ("Which newspaper reported Kim calling the US proposals a facade?", {"001_fbd13b18b25d8e5d.txt"}),
    ("When were Pyongyang's communication channels with Seoul cut off?", {"000_6a58d090d41857f6.txt", "003_312a607395255587.txt"}),
    ("Who told reporters the US had made several approaches to North Korea with no response?", {"001_fbd13b18b25d8e5d.txt"}),
    ("What did Linda Thomas-Greenfield offer North Korea at the UN?", {"004_4020f4be657a3f1f.txt"}),
    ("Why did Kim Yo-jong say North Korea will never sit face to face with the US?", {"004_4020f4be657a3f1f.txt"}),
    ("What did North Korean diplomat Kim Song say at the UN General Assembly?", {"002_fd51fa255f66e0e6.txt"}),
    ("What did North Korea blow up along the border in June 2020?", {"003_312a607395255587.txt"}),
    ("Which countries asked for the emergency UN Security Council meeting?", {"001_fbd13b18b25d8e5d.txt"}),
    ("What did the satellite images reviewed by Kim Jong-un show?", {"004_4020f4be657a3f1f.txt"}),
]

UNANSWERABLE = [
    "What did Japan's prime minister say about the satellite launch?",
    "Who won the 2022 football World Cup?",
    "What did Vladimir Putin say about Kim's speech?",
    "How much did North Korea's spy satellite cost?",
    "What is the recipe for kimchi?",
    "What did the European Union say about the Hwasong-8 test?",
]
