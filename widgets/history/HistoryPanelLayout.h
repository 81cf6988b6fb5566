#pragma once

class QLabel;
class QPlainTextEdit;
class QTableView;
class QWidget;

// What the History panels (git commits, etcd versions) share: a question
// and a status line above a table of rows, newest first, and under it a
// monospace text of the selected row. Texts from evidence are plain text.
namespace HistoryPanelLayout {
// Sets up the question and status labels, a read-only row-selecting table
// and a read-only text pane, and lays them out in `panel`.
void build(QWidget *panel, QLabel *question, QLabel *status, QTableView *table, QPlainTextEdit *text);
} // namespace HistoryPanelLayout
