#pragma once

#include "investigation/AnalysisResult.h"

#include <QGraphicsView>

// The "System" view: the components the evidence reveals as boxes (apps and
// API servers, API contexts and the Terraform stack, the objects under
// investigation, etcd and its members), arranged in layers left to right,
// with the relations between them as arrows; inferred ones dashed.
class SystemView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit SystemView(QWidget *parent = nullptr);

    void setSystem(const QList<strata::Component> &components, const QList<strata::Relation> &relations);
    int componentCount() const { return m_componentCount; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    QList<strata::Component> m_components;
    QList<strata::Relation> m_relations;
    int m_componentCount = 0;
};
