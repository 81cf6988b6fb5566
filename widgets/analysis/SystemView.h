#pragma once

#include "investigation/AnalysisResult.h"

#include <QGraphicsView>
#include <QSet>

// The "System" view: the components the evidence reveals as boxes (apps and
// API servers, API contexts and the Terraform stack, the objects under
// investigation, etcd and its members), arranged in layers left to right,
// with the relations between them as arrows; inferred ones dashed. A
// component a finding concerns carries that finding's severity colour. Edge
// labels sit in the gaps between layers, never over a box. The view fits
// itself to the window when a system arrives; the wheel zooms, 0 fits again.
// Past a few dozen Kubernetes objects they are folded into one box per
// namespace (models/itemmodels/SystemOverview); double-click one to open it.
class SystemView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit SystemView(QWidget *parent = nullptr);

    void setSystem(const QList<strata::Component> &components, const QList<strata::Relation> &relations,
        const QList<strata::Finding> &findings = {});
    int componentCount() const { return m_componentCount; }
    // The most severe finding on each component id (only ids that have one).
    const QHash<QString, strata::Severity> &marked() const { return m_marked; }
    void fitToView();

protected:
    void changeEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    void rebuild();

    QList<strata::Component> m_components;
    QList<strata::Relation> m_relations;
    QList<strata::Finding> m_findings;
    QSet<QString> m_expanded; // namespaces shown object by object
    QHash<QString, strata::Severity> m_marked;
    int m_componentCount = 0;
    bool m_fitPending = false;
};
