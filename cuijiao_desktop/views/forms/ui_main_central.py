# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_central.ui'
##
## Created by: pyside6-uic via installers/build_assets.py
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QListWidget,
    QListWidgetItem, QSizePolicy, QStackedWidget, QWidget)

class Ui_MainCentral(object):
    def setupUi(self, MainCentral):
        if not MainCentral.objectName():
            MainCentral.setObjectName(u"MainCentral")
        MainCentral.resize(1100, 700)
        self.mainLayout = QHBoxLayout(MainCentral)
        self.mainLayout.setSpacing(0)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(0, 0, 0, 0)
        self.navList = QListWidget(MainCentral)
        self.navList.setObjectName(u"navList")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.navList.sizePolicy().hasHeightForWidth())
        self.navList.setSizePolicy(sizePolicy)
        self.navList.setMinimumSize(QSize(168, 0))
        self.navList.setMaximumSize(QSize(168, 16777215))
        self.navList.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.navList.setFrameShape(QFrame.Shape.NoFrame)
        self.navList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navList.setIconSize(QSize(22, 22))
        self.navList.setSpacing(2)
        self.navList.setUniformItemSizes(True)

        self.mainLayout.addWidget(self.navList)

        self.pageStack = QStackedWidget(MainCentral)
        self.pageStack.setObjectName(u"pageStack")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.pageStack.sizePolicy().hasHeightForWidth())
        self.pageStack.setSizePolicy(sizePolicy1)

        self.mainLayout.addWidget(self.pageStack)


        self.retranslateUi(MainCentral)
    # setupUi

    def retranslateUi(self, MainCentral):
        pass
    # retranslateUi

