#!/usr/bin/env python3
"""Peer benchmark: the tutorial's exact bi-GRU training step in PyTorch (fp32, CPU), packed and unpacked.

The model is the tutorial's (bentrevett/pytorch-sentiment-analysis, the upgraded RNN notebook, with a GRU):
Embedding(V, 100, padding_idx=1) -> Dropout(0.5) -> GRU(100, 256, num_layers=2, bidirectional=True, dropout=0.5)
-> cat(hidden[-2], hidden[-1]) -> Dropout(0.5) -> Linear(512, 1); BCEWithLogitsLoss; Adam(lr=1e-3).
(--features all uses every layer's final state, Linear(1024, 1), as the toolkit's seed-gru does; the step cost
is the GRU's either way.)

One step = zero_grad, forward, loss, loss.item(), backward, Adam step, on one synthetic batch of the same shape as
the toolkit's train-step benchmark without --data: T=230, B=64, ids uniform in [2, V), lengths uniform in
[0.8T, T] with the longest exactly T. Prints one JSON object; times are medians over --steps after --warmup.

Usage: /usr/bin/python3 bench/peer/gru_step.py [--threads 2] [--steps 10] [--warmup 2] [--packed-steps 2]
                                               [--steps-t 230] [--batch 64] [--vocab 19037] [--features last|all]
"""
import argparse
import json
import os
import platform
import random
import statistics
import time

import torch
import torch.nn as nn


class RNN(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_dim, output_dim, n_layers, bidirectional, dropout, pad_idx,
                 packed, features):
        super().__init__()
        self.packed = packed
        self.features = features
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=pad_idx)
        self.rnn = nn.GRU(embedding_dim, hidden_dim, num_layers=n_layers, bidirectional=bidirectional, dropout=dropout)
        width = hidden_dim * 2 if features == "last" else hidden_dim * n_layers * (2 if bidirectional else 1)
        self.fc = nn.Linear(width, output_dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, text, text_lengths):
        embedded = self.dropout(self.embedding(text))  # [T, B, E]
        if self.packed:
            packed = nn.utils.rnn.pack_padded_sequence(embedded, text_lengths, enforce_sorted=False)
            _, hidden = self.rnn(packed)
        else:
            _, hidden = self.rnn(embedded)
        if self.features == "last":
            hidden = self.dropout(torch.cat((hidden[-2, :, :], hidden[-1, :, :]), dim=1))  # [B, 2H]
        else:
            hidden = self.dropout(hidden.permute(1, 0, 2).reshape(hidden.shape[1], -1))  # [B, L*D*H]
        return self.fc(hidden).squeeze(1)


def batch(steps, size, vocab, seed=1234):
    rng = random.Random(seed)
    lengths = [steps if b == 0 else rng.randint(int(steps * 0.8), steps) for b in range(size)]
    text = torch.full((steps, size), 1, dtype=torch.long)
    for b, length in enumerate(lengths):
        text[:length, b] = torch.tensor([rng.randrange(2, vocab) for _ in range(length)])
    labels = torch.tensor([float(b % 2) for b in range(size)])
    return text, torch.tensor(lengths, dtype=torch.long), labels


def time_steps(packed, args, text, lengths, labels, count, warmup):
    torch.manual_seed(1234)
    model = RNN(args.vocab, 100, 256, 1, 2, True, 0.5, 1, packed, args.features)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.BCEWithLogitsLoss()
    times = []
    for i in range(warmup + count):
        start = time.perf_counter()
        optimizer.zero_grad()
        loss = criterion(model(text, lengths), labels)
        loss.item()
        loss.backward()
        optimizer.step()
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--packed-steps", type=int, default=2)
    parser.add_argument("--steps-t", type=int, default=230)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--vocab", type=int, default=19037)
    parser.add_argument("--features", choices=["last", "all"], default="last")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    text, lengths, labels = batch(args.steps_t, args.batch, args.vocab)
    tokens = int(lengths.sum())
    unpacked = time_steps(False, args, text, lengths, labels, args.steps, args.warmup)
    result = {
        "benchmark": "peer-gru-step",
        "torch_version": torch.__version__,
        "python": platform.python_version(),
        "threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
        "load_average_at_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "model": f"tutorial bi-GRU 2x256, embedding {args.vocab}x100, features {args.features}, fp32",
        "batch_source": f"synthetic: T={args.steps_t}, B={args.batch}, lengths uniform in [0.8T, T]",
        "batch_real_tokens": tokens,
        "steps_timed": args.steps,
        "warmup_steps": args.warmup,
        "unpacked_ms_per_step": round(statistics.median(unpacked), 1),
        "unpacked_ms_per_step_min": round(min(unpacked), 1),
        "unpacked_tokens_per_second": round(tokens / (statistics.median(unpacked) / 1000)),
    }
    if args.packed_steps > 0:
        packed = time_steps(True, args, text, lengths, labels, args.packed_steps, min(args.warmup, 1))
        result["packed_steps_timed"] = args.packed_steps
        result["packed_ms_per_step"] = round(statistics.median(packed), 1)
        result["packed_ms_per_step_min"] = round(min(packed), 1)
        result["packed_tokens_per_second"] = round(tokens / (statistics.median(packed) / 1000))
    result["load_average_at_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
