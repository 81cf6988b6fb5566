#pragma once

#include "investigation/AnalysisResult.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace strata {
class EtcdEndpointModel;
}

// The "etcd" tab: one line on where the table came from (a live read and
// when, or pasted etcdctl output), then the member table — a row per
// endpoint, also one that is down, the leader in bold, errors in red.
class EtcdView : public QWidget
{
    Q_OBJECT
public:
    explicit EtcdView(QWidget *parent = nullptr);

    void setResult(const strata::AnalysisResult &result);
    strata::EtcdEndpointModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    QLabel *summaryLabel() const { return m_summary; }

private:
    strata::EtcdEndpointModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
};
